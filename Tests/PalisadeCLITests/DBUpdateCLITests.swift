import Foundation
import OSVTestServerSupport
import Testing

/// `palisade db update` end to end: the real binary downloads a real OSV-format `all.zip` (Go
/// vulndb records) from scripts/osv-test-server.py over HTTPS with a certificate generated per
/// run, imports it, records the source, then revalidates with the archive's ETag.
@Suite(
    "palisade db update over HTTPS",
    .enabled(if: TestServerTools.shouldRun, "python3 and openssl are needed for the HTTPS test server"))
struct DBUpdateCLITests {
    static let goRecords = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/osv-store/go").path

    /// An `all.zip` as OSV publishes it (one JSON record per entry), written by Python's zipfile.
    static func archive() throws -> [UInt8] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-zip-\(UUID()).zip").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let python = try #require(TestServerTools.find("python3"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-c",
            "import sys, zipfile, glob, os\n"
                + "with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                + "    for p in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))): z.write(p, os.path.basename(p))\n",
            goRecords, out,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return [UInt8](try #require(FileManager.default.contents(atPath: out)))
    }

    static func status(_ db: String) throws -> [String: Any] {
        let run = try CLIRunner.run(["db", "status", "--db", db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(run.json)
    }

    static func update(_ server: OSVTestServer, _ db: String, _ extra: [String] = []) throws -> CLIRunner.Run {
        try CLIRunner.run(
            ["db", "update", "--db", db, "--ecosystem", "Go", "--base-url", server.baseURL, "--ca-file", server.caFile]
                + extra)
    }

    @Test func downloadsImportsRecordsSourceThenRevalidates() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": try Self.archive()])
        let db = try server.scratch() + "/advisories.db"

        let first = try Self.update(server, db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Go: "), "\(first.stdout)")
        // Three records, one of them withdrawn (GO-2022-0617): two advisories.
        #expect(first.stdout.contains("2 added"), "\(first.stdout)")
        let status = try Self.status(db)
        #expect(status["advisories"] as? Int == 2)
        #expect((status["ecosystems"] as? [String: Int])?["Go"] == 2)
        let sources = try #require(status["sources"] as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["url"] as? String == server.url("Go/all.zip"))
        #expect((sources.first?["sha256"] as? String)?.count == 64)

        let second = try Self.update(server, db)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Go: not modified"), "\(second.stdout)")
        let requests = try server.requests()
        #expect(requests.map(\.path) == ["/Go/all.zip", "/Go/all.zip"])
        #expect(requests.last?.ifNoneMatch != nil)
        #expect(requests.last?.status == 304)

        // The imported database answers a scan's lookup: `db export` of it imports elsewhere unchanged.
        let export = try server.scratch() + "/export.db"
        #expect(try CLIRunner.run(["db", "export", "--db", db, export]).status == 0)
        let copy = try server.scratch() + "/copy.db"
        #expect(try CLIRunner.run(["db", "import", "--db", copy, export]).status == 0)
        #expect(try Self.status(copy)["advisories"] as? Int == 2)
    }

    @Test func offlineNeverTouchesTheNetwork() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": try Self.archive()])
        let db = try server.scratch() + "/advisories.db"
        let run = try Self.update(server, db, ["--offline"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("offline"), "\(run.stderr)")
        #expect(try server.requests().isEmpty)
    }

    @Test func failedUpdatesLeaveThePreviousDatabaseUsable() throws {
        let server = try OSVTestServer(files: ["Go/all.zip": try Self.archive()])
        let db = try server.scratch() + "/advisories.db"
        #expect(try Self.update(server, db).status == 0)

        // A changed archive that is not a zip: refused after download, nothing imported.
        try server.replace("Go/all.zip", with: Array("not a zip archive at all".utf8))
        let corrupt = try Self.update(server, db)
        #expect(corrupt.status == 2)
        #expect(corrupt.stderrLines.count == 1, "\(corrupt.stderr)")
        #expect(corrupt.stderr.contains("not a zip archive"), "\(corrupt.stderr)")

        // A server whose certificate is not trusted (no --ca-file): a TLS error, one line.
        let untrusted = try CLIRunner.run(
            ["db", "update", "--db", db, "--ecosystem", "Go", "--base-url", server.baseURL])
        #expect(untrusted.status == 2)
        #expect(untrusted.stderrLines.count == 1, "\(untrusted.stderr)")

        // Plain HTTP is refused before any connection.
        let plain = try CLIRunner.run(
            ["db", "update", "--db", db, "--ecosystem", "Go", "--base-url", "http://127.0.0.1:\(server.port)"])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("https://"), "\(plain.stderr)")

        #expect(try Self.status(db)["advisories"] as? Int == 2)
    }
}
