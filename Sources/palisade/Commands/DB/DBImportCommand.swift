import ArgumentParser
import Foundation
import PalisadeVulnDB

/// `palisade db import PATH...`: OSV JSON/YAML files, directories, OSV `all.zip` archives and
/// files written by `palisade db export` (the air-gapped path). Wiring only.
struct DBImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import OSV advisories from files, directories, OSV all.zip archives or a `db export` file.",
        discussion: """
            Idempotent and incremental: a record replaces the stored one only when its `modified` is newer; \
            withdrawn advisories are removed. Malformed records are skipped and counted. The import is one \
            transaction: when it fails, the database is unchanged.
            """)

    @Argument(help: ArgumentHelp("Files, directories or archives.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var database: DatabaseLocation

    func run() throws {
        let path = database.resolved
        let summary: ImportSummary
        do {
            try DatabaseFiles.createParent(of: path)
            let store = try AdvisoryStore.open(path: path, readOnly: false)
            summary = try store.importRecords(from: paths)
        } catch {
            VulnerabilityScan.fail("\(error)")
        }
        StandardStreams.output(DatabaseFiles.describe(summary, into: path) + "\n")
    }
}

/// Shared text and file handling of the `db` commands.
enum DatabaseFiles {
    static func createParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    }

    static func describe(_ s: ImportSummary, into path: String) -> String {
        var text =
            "imported into \(path): \(s.added) added, \(s.updated) updated, \(s.unchanged) unchanged, "
            + "\(s.withdrawnRemoved) withdrawn removed, \(s.malformed) malformed skipped"
        if let example = s.malformedExample { text += "\n  malformed, e.g. \(example)" }
        for (ecosystem, count) in s.perEcosystem.sorted(by: { $0.key < $1.key }) {
            text += "\n  \(ecosystem): \(count)"
        }
        return text
    }
}
