import Crypto
import Foundation
import OSVTestServerSupport
import PalisadeHTTP
import Testing

private func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

private func contents(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) }
}

private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

private func downloader(_ server: OSVTestServer, attempts: Int = 3) -> HTTPDownloader {
    HTTPDownloader(configuration: .init(caFile: server.caFile, maxAttempts: attempts))
}

@Suite("HTTPDownloader over real HTTPS", .enabled(if: TestServerTools.shouldRun))
struct HTTPDownloaderTests {
    @Test func fullDownloadVerifiesMD5AndReportsSHA256() throws {
        let body = payload(300_000, seed: 1)
        let server = try OSVTestServer(files: ["PyPI/all.zip": body])
        let destination = try server.scratch() + "/PyPI.zip"
        let outcome = try downloader(server).download(url: server.url("PyPI/all.zip"), to: destination)
        guard case .downloaded(let file) = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
        #expect(file.sha256 == sha256Hex(body))
        #expect(file.bytes == 300_000)
        #expect(file.status == 200)
        #expect(file.md5Verified)
        #expect(file.resumedFrom == 0)
        #expect(file.etag?.hasPrefix("\"") == true)
        #expect(file.lastModified?.hasSuffix("GMT") == true)
        #expect(contents(destination) == body)
        #expect(!exists(destination + ".part"))
        #expect(!exists(destination + ".part.meta"))
        let requests = try server.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.userAgent?.hasPrefix("palisade/") == true)
        #expect(requests.first?.range == nil)
    }

    @Test func matchingETagGivesNotModifiedAndLeavesDestination() throws {
        let body = payload(10_000, seed: 2)
        let server = try OSVTestServer(files: ["Go/all.zip": body])
        let destination = try server.scratch() + "/Go.zip"
        let client = downloader(server)
        guard case .downloaded(let first) = try client.download(url: server.url("Go/all.zip"), to: destination) else {
            Issue.record("first download failed")
            return
        }
        let again = try client.download(
            url: server.url("Go/all.zip"), to: destination, conditional: ConditionalHeaders(etag: first.etag))
        #expect(again == .notModified)
        #expect(contents(destination) == body)
        let requests = try server.requests()
        #expect(requests.map(\.status) == [200, 304])
        #expect(requests.last?.ifNoneMatch == first.etag)
    }

    @Test func staleETagDownloadsAgain() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": payload(5_000, seed: 3)])
        let destination = try server.scratch() + "/Go.zip"
        let outcome = try downloader(server).download(
            url: server.url("Go/all.zip"), to: destination, conditional: ConditionalHeaders(etag: "\"stale\""))
        guard case .downloaded(let file) = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
        #expect(file.status == 200)
        #expect(try server.requests().last?.ifNoneMatch == "\"stale\"")
    }

    @Test func lastModifiedGivesNotModified() throws {
        let server = try OSVTestServer(files: ["npm/all.zip": payload(8_000, seed: 4)])
        let destination = try server.scratch() + "/npm.zip"
        let client = downloader(server)
        guard case .downloaded(let first) = try client.download(url: server.url("npm/all.zip"), to: destination) else {
            Issue.record("first download failed")
            return
        }
        let lastModified = try #require(first.lastModified)
        let again = try client.download(
            url: server.url("npm/all.zip"), to: destination, conditional: ConditionalHeaders(lastModified: lastModified)
        )
        #expect(again == .notModified)
        #expect(try server.requests().last?.ifModifiedSince == lastModified)
    }

    @Test func olderLastModifiedDownloadsAgain() throws {
        let server = try OSVTestServer(files: ["npm/all.zip": payload(8_000, seed: 5)])
        let destination = try server.scratch() + "/npm.zip"
        let outcome = try downloader(server).download(
            url: server.url("npm/all.zip"), to: destination,
            conditional: ConditionalHeaders(lastModified: "Mon, 01 Jan 2001 00:00:00 GMT"))
        guard case .downloaded = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
    }

    @Test func cutTransferResumesWithRangeOnNextCall() throws {
        let body = payload(200_000, seed: 6)
        let server = try OSVTestServer(files: ["Maven/all.zip": body], options: ["--cut-after", "50000"])
        let destination = try server.scratch() + "/Maven.zip"
        let client = downloader(server, attempts: 1)
        #expect {
            _ = try client.download(url: server.url("Maven/all.zip"), to: destination)
        } throws: { error in
            guard let error = error as? HTTPError, case .transferInterrupted(_, let onDisk, _) = error else {
                return false
            }
            return onDisk == 50_000
        }
        #expect(!exists(destination))
        #expect(contents(destination + ".part")?.count == 50_000)

        let outcome = try client.download(url: server.url("Maven/all.zip"), to: destination)
        guard case .downloaded(let file) = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
        #expect(file.status == 206)
        #expect(file.resumedFrom == 50_000)
        #expect(file.md5Verified)
        #expect(file.sha256 == sha256Hex(body))
        #expect(contents(destination) == body)
        #expect(!exists(destination + ".part"))
        let requests = try server.requests()
        #expect(requests.count == 2)
        #expect(requests.last?.range == "bytes=50000-")
        #expect(requests.last?.ifRange == file.etag)
    }

    @Test func interruptedTransferResumesWithinOneCall() throws {
        let body = payload(120_000, seed: 7)
        let server = try OSVTestServer(files: ["RubyGems/all.zip": body], options: ["--cut-after", "1000"])
        let destination = try server.scratch() + "/RubyGems.zip"
        let outcome = try downloader(server).download(url: server.url("RubyGems/all.zip"), to: destination)
        guard case .downloaded(let file) = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
        #expect(file.resumedFrom == 1000)
        #expect(contents(destination) == body)
        #expect(try server.requests().map(\.status) == [200, 206])
    }

    @Test func changedObjectRestartsInsteadOfAppending() throws {
        let server = try OSVTestServer(
            files: ["crates.io/all.zip": payload(90_000, seed: 8)], options: ["--cut-after", "4000"])
        let destination = try server.scratch() + "/crates.zip"
        let client = downloader(server, attempts: 1)
        #expect(throws: HTTPError.self) {
            _ = try client.download(url: server.url("crates.io/all.zip"), to: destination)
        }
        let replacement = payload(70_000, seed: 9)
        try server.replace("crates.io/all.zip", with: replacement)
        let outcome = try client.download(url: server.url("crates.io/all.zip"), to: destination)
        guard case .downloaded(let file) = outcome else {
            Issue.record("expected a download, got \(outcome)")
            return
        }
        #expect(file.status == 200)
        #expect(file.resumedFrom == 0)
        #expect(contents(destination) == replacement)
        #expect(try server.requests().last?.range == "bytes=4000-")
    }

    @Test func md5MismatchIsRejectedAndNothingIsLeft() throws {
        let server = try OSVTestServer(files: ["PyPI/all.zip": payload(30_000, seed: 10)], options: ["--corrupt-hash"])
        let destination = try server.scratch() + "/PyPI.zip"
        #expect {
            _ = try downloader(server).download(url: server.url("PyPI/all.zip"), to: destination)
        } throws: { error in
            guard let error = error as? HTTPError, case .checksumMismatch(_, let algorithm, _, _) = error else {
                return false
            }
            return algorithm == "md5" && error.description.contains(server.url("PyPI/all.zip"))
        }
        #expect(!exists(destination))
        #expect(!exists(destination + ".part"))
        #expect(!exists(destination + ".part.meta"))
    }

    @Test func notFoundNamesURLAndStatus() throws {
        let server = try OSVTestServer(files: [:])
        let destination = try server.scratch() + "/none.zip"
        let url = server.url("Nope/all.zip")
        #expect(throws: HTTPError.httpStatus(url: url, status: 404)) {
            _ = try downloader(server).download(url: url, to: destination)
        }
        #expect(HTTPError.httpStatus(url: url, status: 404).description == "\(url): server answered HTTP 404")
        #expect(!exists(destination))
        #expect(!exists(destination + ".part"))
    }

    @Test func untrustedCertificateIsATLSFailure() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": payload(100, seed: 11)])
        let destination = try server.scratch() + "/Go.zip"
        #expect {
            _ = try HTTPDownloader().download(url: server.url("Go/all.zip"), to: destination)
        } throws: { error in
            guard let error = error as? HTTPError, case .tlsFailure = error else { return false }
            return true
        }
        #expect(!exists(destination))
    }
}

@Suite("HTTPDownloader without a server")
struct HTTPDownloaderOfflineTests {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-http-none").path

    @Test func connectionRefusedNamesURL() throws {
        let url = "https://127.0.0.1:1/PyPI/all.zip"
        #expect {
            _ = try HTTPDownloader().download(url: url, to: scratch + "/refused.zip")
        } throws: { error in
            guard let error = error as? HTTPError, case .connectionFailed = error else { return false }
            return error.description.hasPrefix(url + ": could not connect")
        }
    }

    @Test func plainHTTPRefusedUnlessAllowed() {
        #expect(throws: HTTPError.insecureURL(url: "http://127.0.0.1:1/x")) {
            _ = try HTTPDownloader().download(url: "http://127.0.0.1:1/x", to: scratch + "/x")
        }
        #expect {
            _ = try HTTPDownloader(configuration: .init(allowInsecureHTTP: true))
                .download(url: "http://127.0.0.1:1/x", to: scratch + "/x")
        } throws: { error in
            guard let error = error as? HTTPError, case .connectionFailed = error else { return false }
            return true
        }
    }

    @Test(arguments: ["ftp://example.org/x", "file:///etc/passwd", "example.org/x", "https://exa mple.org/x"])
    func nonHTTPURLsRejected(url: String) {
        #expect(throws: HTTPError.self) { _ = try HTTPDownloader().download(url: url, to: scratch + "/x") }
    }

    @Test func credentialsAndQueryNeverAppearInErrors() {
        #expect {
            _ = try HTTPDownloader().download(
                url: "https://user:hunter2@127.0.0.1:1/a.zip?token=s3cr3t", to: scratch + "/x")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("https://127.0.0.1:1/a.zip") && !text.contains("hunter2") && !text.contains("s3cr3t")
        }
    }
}
