import Foundation
import OSVTestServerSupport
import PalisadeHTTP
import PalisadeVulnDB
import Testing

@Suite("OSVArchiveFetcher")
struct OSVArchiveFetcherTests {
    @Test(arguments: [
        ("PyPI", "PyPI"), ("Debian:12", "Debian%3A12"), ("GitHub Actions", "GitHub%20Actions"),
        ("crates.io", "crates.io"), ("Alpine:v3.18", "Alpine%3Av3.18"), ("a/b", "a%2Fb"),
    ])
    func ecosystemIsOneEncodedPathSegment(ecosystem: String, encoded: String) throws {
        #expect(try OSVArchiveFetcher.encodedSegment(ecosystem) == encoded)
        #expect(
            try OSVArchiveFetcher.archiveURL(baseURL: OSVArchiveFetcher.defaultBaseURL + "/", ecosystem: ecosystem)
                == "https://osv-vulnerabilities.storage.googleapis.com/\(encoded)/all.zip")
    }

    @Test(arguments: ["", ".", "..", "bad\nname"])
    func unusableEcosystemNamesRejected(ecosystem: String) {
        #expect(throws: OSVFetchError.invalidEcosystem(ecosystem)) {
            _ = try OSVArchiveFetcher.encodedSegment(ecosystem)
        }
    }

    @Test func plainHTTPBaseURLRejected() {
        #expect(throws: OSVFetchError.invalidBaseURL("http://example.org")) {
            _ = try OSVArchiveFetcher.archiveURL(baseURL: "http://example.org", ecosystem: "PyPI")
        }
    }
}

@Suite("OSVArchiveFetcher over real HTTPS", .enabled(if: TestServerTools.shouldRun))
struct OSVArchiveFetcherServerTests {
    @Test func fetchesOnlyChosenEcosystemsThenNotModified() throws {
        let server = try OSVTestServer(files: [
            "PyPI/all.zip": payload(4_000, seed: 20), "Debian:12/all.zip": payload(6_000, seed: 21),
            "npm/all.zip": payload(2_000, seed: 22),
        ])
        let cache = try server.scratch() + "/cache"
        let fetcher = OSVArchiveFetcher(
            configuration: .init(
                baseURL: server.baseURL, ecosystems: ["PyPI", "Debian:12"], cacheDirectory: cache, caFile: server.caFile
            ))
        let first = try fetcher.fetch(previous: [:])
        #expect(first.map(\.ecosystem) == ["PyPI", "Debian:12"])
        #expect(first.map(\.change) == [.changed, .changed])
        #expect(first.map(\.localPath) == [cache + "/PyPI.zip", cache + "/Debian%3A12.zip"])
        #expect(first.map(\.bytes) == [4_000, 6_000])
        #expect(
            FileManager.default.contents(atPath: cache + "/Debian%3A12.zip").map { [UInt8]($0) }
                == payload(6_000, seed: 21))
        #expect(try server.requests().map(\.path) == ["/PyPI/all.zip", "/Debian%3A12/all.zip"])

        var validators: [String: ArchiveValidators] = [:]
        for archive in first {
            validators[archive.ecosystem] = ArchiveValidators(
                etag: archive.etag, lastModified: archive.lastModified, sha256: archive.sha256)
        }
        let second = try fetcher.fetch(previous: validators)
        #expect(second.map(\.change) == [.notModified, .notModified])
        #expect(second.map(\.sha256) == first.map(\.sha256))
        #expect(try server.requests().map(\.status) == [200, 200, 304, 304])
    }

    @Test func missingLocalCopyIsFetchedDespiteValidators() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": payload(3_000, seed: 23)])
        let cache = try server.scratch() + "/cache"
        let fetcher = OSVArchiveFetcher(
            configuration: .init(
                baseURL: server.baseURL, ecosystems: ["Go"], cacheDirectory: cache, caFile: server.caFile))
        let first = try fetcher.fetch(previous: [:])
        try FileManager.default.removeItem(atPath: first[0].localPath)
        let again = try fetcher.fetch(previous: ["Go": ArchiveValidators(etag: first[0].etag)])
        #expect(again.map(\.change) == [.changed])
        #expect(try server.requests().last?.ifNoneMatch == nil)
    }

    @Test func offlineRefusesWithoutTouchingTheNetwork() throws {
        let server = try OSVTestServer(files: ["PyPI/all.zip": payload(100, seed: 24)])
        let cache = try server.scratch() + "/cache"
        let fetcher = OSVArchiveFetcher(
            configuration: .init(
                baseURL: server.baseURL, ecosystems: ["PyPI"], cacheDirectory: cache, caFile: server.caFile,
                offline: true))
        #expect(throws: OSVFetchError.offline(ecosystems: ["PyPI"])) { _ = try fetcher.fetch(previous: [:]) }
        #expect(OSVFetchError.offline(ecosystems: ["PyPI"]).description.contains("offline"))
        #expect(try server.requests().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cache))
    }

    @Test func downloadFailureNamesEcosystem() throws {
        let server = try OSVTestServer(files: [:])
        let fetcher = OSVArchiveFetcher(
            configuration: .init(
                baseURL: server.baseURL, ecosystems: ["Hex"], cacheDirectory: try server.scratch(),
                caFile: server.caFile))
        #expect {
            _ = try fetcher.fetch(previous: [:])
        } throws: { error in
            guard let error = error as? OSVFetchError, case .download(let ecosystem, .httpStatus(_, 404)) = error else {
                return false
            }
            return ecosystem == "Hex" && error.description.hasPrefix("Hex: ")
        }
    }
}
