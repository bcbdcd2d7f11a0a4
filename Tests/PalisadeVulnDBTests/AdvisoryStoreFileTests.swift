import Foundation
import PalisadeVuln
import Testing

@testable import PalisadeVulnDB

@Suite struct AdvisoryStoreFileTests {
    typealias S = StoreTestSupport

    @Test func exportThenImportRoundTrips() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixtures])
        let export = dir + "/advisories.palisade"
        try store.export(to: export)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: export)))
        let headerLine = String(decoding: bytes.prefix(while: { $0 != 0x0A }), as: UTF8.self)
        #expect(headerLine.hasPrefix("PALISADE-ADVISORY-DB 1 sha256="))
        #expect(headerLine.contains(" built="))

        let fresh = try AdvisoryStore.open(path: dir + "/fresh.db", readOnly: false)
        let summary = try fresh.importRecords(from: [export])
        #expect(summary.added == 7)
        #expect(try fresh.allRecords() == store.allRecords())
        #expect(try fresh.advisory(id: "PYSEC-2019-217") == store.advisory(id: "PYSEC-2019-217"))
        let again = try fresh.importRecords(from: [export])
        #expect(again.unchanged == 7)
        #expect(again.added == 0)
    }

    @Test func exportWithBadChecksumChangesNothing() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixture("go")])
        let export = dir + "/advisories.palisade"
        try store.export(to: export)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: export)))
        bytes[bytes.count - 100] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: export))

        let other = try AdvisoryStore.open(path: dir + "/other.db", readOnly: false)
        _ = try other.importRecords(from: [S.fixture("pypa/jinja2")])
        let before = try other.allRecords()
        do {
            _ = try other.importRecords(from: [export])
            Issue.record("import of a corrupted export succeeded")
        } catch {
            #expect(error.reason.contains("checksum mismatch"))
            #expect(error.reason.contains(export))
        }
        #expect(try other.allRecords() == before)
    }

    @Test func nonSQLiteFileIsOneLineErrorNamingPath() throws {
        let dir = try S.temporaryDirectory()
        let path = dir + "/junk.db"
        try S.write(String(repeating: "this is not a database\n", count: 200), to: path)
        for readOnly in [true, false] {
            do {
                _ = try AdvisoryStore.open(path: path, readOnly: readOnly)
                Issue.record("opened a non-database")
            } catch {
                #expect(error.reason.contains(path))
                #expect(!error.reason.contains("\n"))
            }
        }
    }

    @Test func newerSchemaIsRefused() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        try store.setMeta("schema", "\(AdvisoryStore.schemaVersion + 1)")
        do {
            _ = try AdvisoryStore.open(path: store.path, readOnly: true)
            Issue.record("opened a newer schema")
        } catch {
            #expect(error.reason.contains("newer"))
        }
        try store.setMeta("schema", "\(AdvisoryStore.schemaVersion)")
        #expect(throws: Never.self) { try AdvisoryStore.open(path: store.path, readOnly: true) }
    }

    @Test func sourcesAreRecordedAndReplaced() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        try store.setSource(
            AdvisorySource(ecosystem: "PyPI", url: "https://x/PyPI/all.zip", etag: "\"a\"", fetchedAt: "t1"))
        try store.setSource(AdvisorySource(ecosystem: "Go", url: "https://x/Go/all.zip", sha256: "ab", fetchedAt: "t1"))
        try store.setSource(
            AdvisorySource(ecosystem: "PyPI", url: "https://x/PyPI/all.zip", etag: "\"b\"", fetchedAt: "t2"))
        let sources = try store.sources()
        #expect(sources.map(\.ecosystem) == ["Go", "PyPI"])
        #expect(sources[1].etag == "\"b\"")
        #expect(sources[1].fetchedAt == "t2")
        #expect(sources[0].sha256 == "ab")
        #expect(try store.status().sources == sources)
    }

    @Test func readerSeesCommittedDataWhileWriterIsOpen() throws {
        let dir = try S.temporaryDirectory()
        let writer = try S.openStore(in: dir)
        let reader = try AdvisoryStore.open(path: writer.path, readOnly: true)
        #expect(try reader.affectedEntries(ecosystem: "PyPI", name: "jinja2").isEmpty)
        _ = try writer.importRecords(from: [S.fixture("pypa/jinja2")])
        // An open store answers from one consistent view for its life (a scan); a store opened
        // after the commit, while the writer is still open, reads the new data.
        #expect(try reader.affectedEntries(ecosystem: "PyPI", name: "jinja2").isEmpty)
        let next = try AdvisoryStore.open(path: writer.path, readOnly: true)
        #expect(try next.affectedEntries(ecosystem: "PyPI", name: "jinja2").count == 5)
    }
}
