import Foundation
import PalisadeVuln
import Testing

@testable import PalisadeVulnDB

@Suite struct AdvisoryStoreImportTests {
    typealias S = StoreTestSupport

    @Test func importsDirectoryOfRealRecordsAndIgnoresNonRecords() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        let summary = try store.importRecords(from: [S.fixtures])
        // 10 records: 3 withdrawn (never stored), 7 added; LICENSE and SOURCES.md ignored silently.
        #expect(summary.added == 7)
        #expect(summary.malformed == 0)
        #expect(summary.withdrawnRemoved == 0)
        #expect(summary.perEcosystem["PyPI"] == 5)
        #expect(summary.perEcosystem["Go"] == 2)
        let status = try store.status()
        #expect(status.totalAdvisories == 7)
        #expect(status.advisoriesPerEcosystem["PyPI"] == 5)
        #expect(status.advisoriesPerEcosystem["Go"] == 2)
        #expect(status.fileSizeBytes > 0)
        #expect(status.lastImportAt != nil)
        #expect(status.schemaVersion == AdvisoryStore.schemaVersion)
        #expect(try store.advisory(id: "PYSEC-2023-73") == nil)
        #expect(try store.advisory(id: "GO-2022-0617") == nil)
        #expect(try store.advisory(id: "PYSEC-2022-15") == nil)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "loguru").isEmpty)
    }

    @Test func reimportIsIdempotent() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixtures])
        let before = try store.allRecords()
        let again = try store.importRecords(from: [S.fixtures])
        #expect(again.added == 0)
        #expect(again.updated == 0)
        #expect(again.unchanged == 7)
        #expect(try store.allRecords() == before)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "Jinja2").count == 5)
    }

    @Test func newerModifiedReplacesOlderIsIgnored() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        var record = try S.parse("pypa/jinja2/PYSEC-2019-217.yaml")
        _ = try store.importRecords([record])

        var older = record
        older.modified = "2020-01-01T00:00:00Z"
        older.affected[0].name = "other-package"
        let ignored = try store.importRecords([older])
        #expect(ignored.unchanged == 1)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "other-package").isEmpty)

        // Newer by fractional seconds only: "…52.9Z" is later than "…52.862665Z".
        record.modified = "2021-11-22T04:57:52.9Z"
        record.affected[0].name = "Renamed_Package"
        record.aliases = ["CVE-2019-10906"]
        let replaced = try store.importRecords([record])
        #expect(replaced.updated == 1)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "jinja2").isEmpty)
        let entries = try store.affectedEntries(ecosystem: "PyPI", name: "renamed.package")
        #expect(entries.map(\.advisoryID) == ["PYSEC-2019-217"])
        #expect(try store.advisory(id: "PYSEC-2019-217")?.aliases == ["CVE-2019-10906"])
        #expect(try store.advisory(id: "PYSEC-2019-217")?.modified == "2021-11-22T04:57:52.9Z")
    }

    @Test func withdrawnRecordRemovesStoredAdvisory() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        var live = try S.parse("pypa/redis/PYSEC-2023-73.yaml")
        #expect(live.withdrawn != nil)
        live.withdrawn = nil
        live.modified = "2023-01-01T00:00:00Z"
        _ = try store.importRecords([live])
        #expect(try store.advisory(id: "PYSEC-2023-73") != nil)
        #expect(try !store.affectedEntries(ecosystem: "PyPI", name: "redis").isEmpty)

        let summary = try store.importRecords(from: [S.fixture("pypa/redis/PYSEC-2023-73.yaml")])
        #expect(summary.withdrawnRemoved == 1)
        #expect(try store.advisory(id: "PYSEC-2023-73") == nil)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "redis").isEmpty)
        #expect(try store.status().totalAdvisories == 0)
    }

    @Test func aliasesLinkBothWaysWithoutSelfOrDuplicates() throws {
        let dir = try S.temporaryDirectory()
        try S.copy("pypa/jinja2/PYSEC-2019-217.yaml", to: dir + "/in/PYSEC-2019-217.yaml")
        // A GHSA-style record naming the PYSEC one (and itself, and a duplicate) as aliases.
        try S.write(
            """
            {"id": "GHSA-462w-v97r-4m45", "modified": "2022-01-01T00:00:00Z",
             "aliases": ["PYSEC-2019-217", "CVE-2019-10906", "CVE-2019-10906", "GHSA-462w-v97r-4m45"],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "Jinja2"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.10.1"}]}]}]}
            """, to: dir + "/in/GHSA-462w-v97r-4m45.json")
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [dir + "/in"])
        let pysec = try #require(try store.advisory(id: "PYSEC-2019-217"))
        #expect(pysec.aliases == ["CVE-2019-10906", "GHSA-462w-v97r-4m45"])
        let ghsa = try #require(try store.advisory(id: "GHSA-462w-v97r-4m45"))
        #expect(Set(ghsa.aliases) == ["PYSEC-2019-217", "CVE-2019-10906"])
        #expect(ghsa.aliases.count == 2)
        #expect(try store.advisory(id: "CVE-2019-10906") == nil)
        // A scan reads headers and reverse links together with the entries: the same answer.
        let scan = try AdvisoryStore.open(path: store.path, readOnly: true)
        #expect(try scan.affectedEntries(ecosystem: "PyPI", name: "jinja2").count == 2)
        #expect(try scan.advisory(id: "PYSEC-2019-217") == pysec)
        #expect(try scan.advisory(id: "GHSA-462w-v97r-4m45") == ghsa)
    }

    @Test func malformedRecordsAreCountedWithOneExampleAndNeverAbort() throws {
        let dir = try S.temporaryDirectory()
        try S.copy("go/GO-2020-0001.json", to: dir + "/in/GO-2020-0001.json")
        try S.write("{\"id\": \"X-1\"}", to: dir + "/in/a-missing-modified.json")
        try S.write("id: [unclosed", to: dir + "/in/b-broken.yaml")
        try S.write("not a record at all", to: dir + "/in/README")
        let store = try S.openStore(in: dir)
        let summary = try store.importRecords(from: [dir + "/in"])
        #expect(summary.added == 1)
        #expect(summary.malformed == 2)
        let example = try #require(summary.malformedExample)
        #expect(example.contains("a-missing-modified.json"))
        #expect(example.contains("modified"))
    }

    @Test func failedImportLeavesPreviousContents() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixture("go")])
        let before = try store.allRecords()
        #expect(before.count == 2)

        #expect(throws: AdvisoryStoreError.self) {
            try store.importRecords(from: [S.fixture("pypa")], failAfterRecords: 3)
        }
        #expect(try store.allRecords() == before)

        // A real failure midway: a directory of good records, then a corrupt archive.
        try S.write("PK\u{3}\u{4} truncated", to: dir + "/broken.zip")
        #expect(throws: AdvisoryStoreError.self) {
            try store.importRecords(from: [S.fixture("pypa"), dir + "/broken.zip"])
        }
        #expect(try store.allRecords() == before)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "jinja2").isEmpty)

        // An archive that is not a zip at all (a proxy's error page saved as all.zip).
        try S.write("<html>502 Bad Gateway</html>", to: dir + "/all.zip")
        #expect(throws: AdvisoryStoreError.self) {
            try store.importRecords(from: [S.fixture("pypa"), dir + "/all.zip"])
        }
        #expect(try store.allRecords() == before)

        #expect(throws: AdvisoryStoreError.self) { try store.importRecords(from: [dir + "/missing"]) }
    }

    @Test func importsZipBuiltByRealZipTool() throws {
        let dir = try S.temporaryDirectory()
        let zip = dir + "/all.zip"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-m", "zipfile", "-c", zip, S.fixture("pypa/jinja2/PYSEC-2019-217.yaml"),
            S.fixture("pypa/jinja2/PYSEC-2014-8.yaml"), S.fixture("go/GO-2020-0001.json"), S.fixture("SOURCES.md"),
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let store = try S.openStore(in: dir)
        let summary = try store.importRecords(from: [zip])
        #expect(summary.added == 3)
        #expect(summary.malformed == 0)
        #expect(try store.affectedEntries(ecosystem: "PyPI", name: "jinja2").count == 2)
        #expect(try store.advisory(id: "GO-2020-0001") != nil)

        // A flipped byte inside compressed data fails the CRC/inflate and rolls back.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: zip)))
        bytes[80] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/bad.zip"))
        let other = try AdvisoryStore.open(path: dir + "/other.db", readOnly: false)
        #expect(throws: AdvisoryStoreError.self) { try other.importRecords(from: [dir + "/bad.zip"]) }
        #expect(try other.status().totalAdvisories == 0)
    }

    @Test func importsDeflatedZipAndRejectsCorruptDeflate() throws {
        let dir = try S.temporaryDirectory()
        let zip = dir + "/all.zip"
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                for path in sys.argv[2:]:
                    z.write(path, path.rsplit("/", 1)[-1])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", script, zip, S.fixture("pypa/jinja2/PYSEC-2019-217.yaml"), S.fixture("go/GO-2020-0003.json"),
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let store = try S.openStore(in: dir)
        let summary = try store.importRecords(from: [zip])
        #expect(summary.added == 2)
        #expect(try store.advisory(id: "GO-2020-0003") != nil)

        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: zip)))
        bytes[80] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/bad.zip"))
        let other = try AdvisoryStore.open(path: dir + "/other.db", readOnly: false)
        #expect(throws: AdvisoryStoreError.self) { try other.importRecords(from: [dir + "/bad.zip"]) }
        #expect(try other.status().totalAdvisories == 0)
    }
}
