import ArgumentParser
import Foundation
import PalisadeVulnDB

/// `palisade db status`: what the database holds, how old it is and where it came from.
struct DBStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show advisory counts per ecosystem, age, size and sources.")

    @OptionGroup var database: DatabaseLocation

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let path = database.resolved
        guard FileManager.default.fileExists(atPath: path) else {
            VulnerabilityScan.fail("no advisory database at \(path): run `palisade db update` or `palisade db import`")
        }
        let status: StoreStatus
        do {
            status = try AdvisoryStore.open(path: path, readOnly: true).status()
        } catch {
            VulnerabilityScan.fail("\(error)")
        }
        let age = VulnerabilityScan.ageDays(status).map { "\($0) days" } ?? "unknown"
        if json {
            let ecosystems = status.advisoriesPerEcosystem.sorted { $0.key < $1.key }.map {
                "\"\(Self.escape($0.key))\": \($0.value)"
            }
            let sources = status.sources.map {
                "{\"ecosystem\": \"\(Self.escape($0.ecosystem))\", \"url\": \"\(Self.escape($0.url))\", "
                    + "\"sha256\": \"\($0.sha256 ?? "")\", \"fetchedAt\": \"\($0.fetchedAt)\"}"
            }
            StandardStreams.output(
                "{\"path\": \"\(Self.escape(path))\", \"advisories\": \(status.totalAdvisories), "
                    + "\"sizeBytes\": \(status.fileSizeBytes), \"lastImportAt\": \"\(status.lastImportAt ?? "")\", "
                    + "\"builtAt\": \"\(status.builtAt ?? "")\", \"schema\": \(status.schemaVersion), "
                    + "\"ecosystems\": {\(ecosystems.joined(separator: ", "))}, "
                    + "\"sources\": [\(sources.joined(separator: ", "))]}\n")
            return
        }
        var text = "database: \(path)\n"
        text += "advisories: \(status.totalAdvisories)\n"
        text += "size: \(status.fileSizeBytes / 1024) KiB\n"
        text += "last import: \(status.lastImportAt ?? "never") (age \(age))\n"
        text += "schema: \(status.schemaVersion)\n"
        text += "ecosystems:\n"
        for (ecosystem, count) in status.advisoriesPerEcosystem.sorted(by: { $0.key < $1.key }) {
            text += "  \(ecosystem): \(count)\n"
        }
        if !status.sources.isEmpty {
            text += "sources:\n"
            for s in status.sources {
                text += "  \(s.ecosystem): \(s.url) fetched \(s.fetchedAt)"
                if let sha = s.sha256 { text += " sha256:\(sha.prefix(16))…" }
                text += "\n"
            }
        }
        StandardStreams.output(text)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
