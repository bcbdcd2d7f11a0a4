import Foundation
import PalisadeCore
import PalisadeReport

/// Text for `palisade rules list` and `palisade rules explain`.
enum RuleListing {
    static func table(_ rules: [RuleMetadata]) -> String {
        let header = ["ID", "SEVERITY", "CATEGORY", "TITLE"]
        let rows = rules.map { [$0.id, $0.severity.rawValue, $0.category, $0.title] }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ") + "\n"
        }
        return line(header) + rows.map(line).joined() + "\n\(rules.count) rules\n"
    }

    static func json(_ rules: [RuleMetadata]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rules), as: UTF8.self) + "\n"
    }

    static func explain(_ rule: RuleMetadata) -> String {
        var out = "\(rule.id)  \(rule.severity)  \(rule.category)\n\(rule.title)\n\n"
        out += "Why it matters:\n  \(rule.why)\n\n"
        out += "Remediation:\n  \(rule.remediation)\n"
        let frameworks = RuleDocsRenderer.frameworkLines(rule.frameworks)
        if !frameworks.isEmpty {
            out += "\nFrameworks:\n" + frameworks.map { "  - \($0)\n" }.joined()
        }
        if !rule.references.isEmpty {
            out += "\nReferences:\n" + rule.references.map { "  - \($0)\n" }.joined()
        }
        return out
    }
}
