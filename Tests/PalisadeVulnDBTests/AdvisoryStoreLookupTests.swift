import Foundation
import PalisadeVuln
import Testing

@testable import PalisadeVulnDB

@Suite struct AdvisoryStoreLookupTests {
    typealias S = StoreTestSupport

    @Test func lookupsEqualInMemoryIndexForSameRecords() throws {
        let records = try S.allFixtureRecords.map(S.parse)
        let index = AdvisoryIndex(records)
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(records)
        // Reopen read-only: lookups come from disk, not from anything kept by the import.
        let reader = try AdvisoryStore.open(path: store.path, readOnly: true)
        var packages = Set<[String]>()
        for r in records { for a in r.affected { packages.insert([a.ecosystem, a.name]) } }
        packages.insert(["PyPI", "JINJA2"])
        packages.insert(["PyPI", "no-such-package"])
        #expect(packages.count > 5)
        for p in packages {
            let fromStore = try reader.affectedEntries(ecosystem: p[0], name: p[1])
            #expect(fromStore == index.affectedEntries(ecosystem: p[0], name: p[1]), "\(p)")
        }
        // Headers read with the entries (the scan's path) equal headers looked up by id alone.
        let byID = try AdvisoryStore.open(path: store.path, readOnly: true)
        for r in records {
            let expected = index.advisory(id: r.id)
            let actual = try reader.advisory(id: r.id)
            #expect(try byID.advisory(id: r.id) == actual, "\(r.id)")
            #expect(actual?.id == expected?.id)
            #expect(actual.map { Set($0.aliases) } == expected.map { Set($0.aliases) })
            var a = actual
            var e = expected
            a?.aliases = []
            e?.aliases = []
            #expect(a == e)
        }
    }

    @Test func readOnlyStoreRefusesImport() throws {
        let dir = try S.temporaryDirectory()
        _ = try S.openStore(in: dir)
        let reader = try AdvisoryStore.open(path: dir + "/advisories.db", readOnly: true)
        #expect(throws: AdvisoryStoreError.self) { try reader.importRecords(from: [S.fixture("go")]) }
    }

    /// Speed is measured by `scripts/bench --vuln`; this pins what the fast paths (the per-ecosystem
    /// name set, the entry cache) return for many repeated and absent names.
    @Test func tenThousandLookupsFindExactlyTheListedPackages() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixtures])
        let names = (0..<10_000).map { $0 % 10 == 0 ? ($0 % 20 == 0 ? "jinja2" : "Jinja2") : "package-\($0)" }
        var found = 0
        for name in names { found += try store.affectedEntries(ecosystem: "PyPI", name: name).count }
        #expect(found == 1_000 * 5)
    }

    @Test func writableOpenAddsTheCoveringAliasIndexToOlderDatabases() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords(from: [S.fixtures])
        try store.db.execute("DROP INDEX alias_lookup; CREATE INDEX alias_by_alias ON alias(alias)")
        let old = try AdvisoryStore.open(path: store.path, readOnly: true)
        let before = try old.advisory(id: "PYSEC-2019-217")
        let upgraded = try AdvisoryStore.open(path: store.path, readOnly: false)
        let names = try upgraded.db.prepare("SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'index'")
        #expect(try names.step())
        let list = names.text(0) ?? ""
        #expect(list.contains("alias_lookup") && !list.contains("alias_by_alias"), "\(list)")
        #expect(try AdvisoryStore.open(path: store.path, readOnly: true).advisory(id: "PYSEC-2019-217") == before)
    }

    @Test func corruptBlobIsLookupErrorNotCrash() throws {
        let dir = try S.temporaryDirectory()
        let store = try S.openStore(in: dir)
        _ = try store.importRecords([try S.parse("go/GO-2020-0001.json")])
        try store.db.execute("UPDATE affected SET entry = x'01ff'")
        try store.db.execute("UPDATE advisory SET header = x'01058080808001'")
        #expect(throws: AdvisoryLookupError.self) {
            try store.affectedEntries(ecosystem: "Go", name: "github.com/gin-gonic/gin")
        }
        #expect(throws: AdvisoryLookupError.self) { try store.advisory(id: "GO-2020-0001") }
        #expect(throws: AdvisoryStoreError.self) { try store.allRecords() }
    }

    @Test(arguments: [
        [UInt8](), [1], [2, 0], [1, 200], [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [1, 1, 0x41, 0, 0, 1],
    ])
    func codecRejectsCorruptBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            #expect(throws: CodecError.self) { try RecordCodec.decodeHeader(raw) }
            #expect(throws: CodecError.self) { try RecordCodec.decodeAffected(raw) }
        }
    }

    @Test func codecRoundTripsEveryField() throws {
        let header = AdvisoryHeader(
            id: "GHSA-x", aliases: ["CVE-1", "ü"], summary: "s", published: nil, modified: "m",
            severity: [OSVSeverity(type: "CVSS_V3", score: "CVSS:3.1/AV:N")], databaseSeverity: "HIGH",
            references: ["https://e"])
        let affected = OSVAffected(
            ecosystem: "npm", name: "left-pad", purl: "pkg:npm/left-pad",
            ranges: [
                OSVRange(kind: .semver, events: [.introduced("0"), .fixed("1.0.0")]),
                OSVRange(kind: .other("CUSTOM"), events: [.lastAffected("2"), .limit("3")]),
                OSVRange(kind: .git, events: []), OSVRange(kind: .ecosystem, events: [.introduced("1")]),
            ], versions: ["0.1"], severity: [OSVSeverity(type: "Ubuntu", score: "high")])
        let h = RecordCodec.encode(header: header)
        let a = RecordCodec.encode(affected: affected)
        #expect(try h.withUnsafeBytes { try RecordCodec.decodeHeader($0) } == header)
        #expect(try a.withUnsafeBytes { try RecordCodec.decodeAffected($0) } == affected)
    }
}
