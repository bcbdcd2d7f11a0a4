import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadeKube

/// kube-linter's own check fixtures, scanned with the Palisade rule that covers the same
/// problem: the number of findings must equal the number of reports kube-linter's e2e tests
/// expect (an independent oracle for false positives and negatives).
@Suite("kube-linter parity")
struct KubeLinterParityTests {
    struct Row: Decodable, Sendable, CustomTestStringConvertible {
        var check: String
        var fixture: String
        var palisadeRule: String
        var expectedReports: Int
        var testDescription: String { "\(check) -> \(palisadeRule)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kube-linter")

    static let rows: [Row] = {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("expected-counts.json")) else { return [] }
        return (try? JSONDecoder().decode([Row].self, from: data)) ?? []
    }()

    @Test("the table is present") func tablePresent() {
        #expect(Self.rows.count == 20)
    }

    @Test("same number of findings as kube-linter reports", arguments: rows)
    func parity(row: Row) throws {
        let path = Self.root.appendingPathComponent(row.fixture).path
        let buffer = try SourceBuffer.read(path: path)
        let scanner = KubeScanner(options: KubeScanOptions(selection: RuleSelection(include: [row.palisadeRule])))
        let result = scanner.scan(buffer: buffer)
        #expect(result.errors.isEmpty)
        #expect(result.findings.count == row.expectedReports)
    }
}
