import ArgumentParser
import Foundation
import PalisadeVulnDB

/// `palisade db export FILE`: the database as one checksummed file, for machines without network
/// (`palisade db import FILE` there).
struct DBExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the database as one file with a checksum and build date (for air-gapped import).")

    @Argument(help: ArgumentHelp("Destination file (written atomically).", valueName: "FILE"))
    var file: String

    @OptionGroup var database: DatabaseLocation

    func run() throws {
        let path = database.resolved
        guard FileManager.default.fileExists(atPath: path) else {
            VulnerabilityScan.fail("no advisory database at \(path)")
        }
        do {
            try AdvisoryStore.open(path: path, readOnly: true).export(to: file)
        } catch {
            VulnerabilityScan.fail("\(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        StandardStreams.output("exported \(path) to \(file) (\(size / 1024) KiB)\n")
    }
}
