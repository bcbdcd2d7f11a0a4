import ArgumentParser
import Foundation
import PalisadeVulnDB

/// `palisade db update`: downloads OSV's per-ecosystem `all.zip` archives (only the chosen
/// ecosystems, only when changed: ETag/If-Modified-Since, resumed after a failure, checksum
/// verified) and imports them in one transaction each. Wiring only.
struct DBUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download and import OSV advisory archives (only changed ones).",
        discussion: """
            Archives are cached next to the database and fetched again only when the server says they \
            changed. An interrupted download resumes on the next run. Readers can scan while an update runs.
            """)

    @Option(
        name: .customLong("ecosystem"),
        help: ArgumentHelp(
            "OSV ecosystems to fetch (comma list or repeated), e.g. PyPI, npm, Go, 'Debian:12', 'Alpine:v3.19'.",
            valueName: "NAME"))
    var ecosystems: [String] = ["PyPI", "npm", "Go", "crates.io", "RubyGems", "Maven", "NuGet", "Packagist"]

    @Option(help: ArgumentHelp("Base URL of the archives (default: OSV's public bucket).", valueName: "URL"))
    var baseURL: String = OSVArchiveFetcher.defaultBaseURL

    @Option(help: ArgumentHelp("CA certificate file to trust (private mirrors).", valueName: "FILE"))
    var caFile: String?

    @Flag(help: "Never touch the network (fails: use `palisade db import FILE` for offline machines).")
    var offline = false

    @OptionGroup var database: DatabaseLocation

    func run() throws {
        let path = database.resolved
        let names = CommaList.split(ecosystems)
        let cache = (path as NSString).deletingLastPathComponent + "/osv-archives"
        do {
            try DatabaseFiles.createParent(of: path)
            let store = try AdvisoryStore.open(path: path, readOnly: false)
            var previous: [String: ArchiveValidators] = [:]
            for s in try store.sources() {
                previous[s.ecosystem] = ArchiveValidators(etag: s.etag, lastModified: s.lastModified, sha256: s.sha256)
            }
            let fetcher = OSVArchiveFetcher(
                configuration: OSVArchiveFetcher.Configuration(
                    baseURL: baseURL, ecosystems: names, cacheDirectory: cache, caFile: caFile, offline: offline))
            for archive in try fetcher.fetch(previous: previous) {
                guard archive.change == .changed || previous[archive.ecosystem] == nil else {
                    StandardStreams.output("\(archive.ecosystem): not modified\n")
                    continue
                }
                let summary = try store.importRecords(from: [archive.localPath])
                try store.setSource(
                    AdvisorySource(
                        ecosystem: archive.ecosystem, url: archive.url, etag: archive.etag,
                        lastModified: archive.lastModified, sha256: archive.sha256,
                        fetchedAt: ISO8601DateFormatter().string(from: Date())))
                StandardStreams.output(
                    "\(archive.ecosystem): \(archive.bytes / 1024) KiB sha256:\(archive.sha256.prefix(16))…\n"
                        + DatabaseFiles.describe(summary, into: path) + "\n")
            }
        } catch {
            VulnerabilityScan.fail("\(error)")
        }
    }
}
