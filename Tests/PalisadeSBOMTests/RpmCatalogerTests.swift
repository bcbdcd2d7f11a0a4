import Testing

@testable import PalisadeSBOM

@Suite struct RpmCatalogerTests {
    let cataloger = RpmCataloger()
    static let path = "/var/lib/rpm/rpmdb.sqlite"

    @Test func wantsOnlySqliteDatabases() {
        #expect(cataloger.wants(path: "/var/lib/rpm/rpmdb.sqlite", size: 10, isExecutable: false))
        #expect(cataloger.wants(path: "/usr/lib/sysimage/rpm/rpmdb.sqlite", size: 10, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/rpm/Packages", size: 10, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/rpm/Packages.db", size: 10, isExecutable: false))
        #expect(!cataloger.wants(path: "/home/x/rpmdb.sqlite", size: 10, isExecutable: false))
    }

    @Test func readsGeneratedDatabaseAndSkipsGpgPubkey() throws {
        let bytes = try SBOMFixtures.osFixture("rpmdb.sqlite")
        let packages = try SBOMFixtures.catalog(cataloger, path: Self.path, bytes)
        #expect(packages.map(\.name).sorted() == ["palisade-fixture-hello", "palisade-fixture-libs"])
        let hello = try #require(packages.first { $0.name == "palisade-fixture-hello" })
        #expect(hello.ecosystem == .rpm)
        #expect(hello.version == "1.0-1")
        #expect(hello.architecture == "noarch")
        #expect(hello.licenses == ["MIT"])
        #expect(hello.sourceName == nil)
        #expect(hello.purl == "pkg:rpm/redhat/palisade-fixture-hello@1.0-1?arch=noarch")
        let libs = try #require(packages.first { $0.name == "palisade-fixture-libs" })
        #expect(libs.version == "2:3.4.5-6.fc40")
        #expect(libs.architecture == "x86_64")
        #expect(libs.licenses == ["GPL-2.0-or-later AND MIT"])
        #expect(libs.purl == "pkg:rpm/redhat/palisade-fixture-libs@3.4.5-6.fc40?arch=x86_64&epoch=2")
        #expect(packages.allSatisfy { $0.foundIn == Self.path })
    }

    @Test func walModeHeaderIsReadToo() throws {
        var bytes = try SBOMFixtures.osFixture("rpmdb.sqlite")
        bytes[18] = 2
        bytes[19] = 2
        let packages = try SBOMFixtures.catalog(cataloger, path: Self.path, bytes)
        #expect(packages.count == 2)
    }

    @Test func notSqliteThrows() {
        #expect(throws: CatalogError.self) {
            try SBOMFixtures.catalog(cataloger, path: Self.path, Array("not a database at all".utf8))
        }
        #expect(throws: CatalogError.self) {
            try SBOMFixtures.catalog(cataloger, path: Self.path, [UInt8](repeating: 0, count: 8192))
        }
    }

    @Test func truncatedSqliteThrowsOrReadsNothing() throws {
        let bytes = try SBOMFixtures.osFixture("rpmdb.sqlite")
        for length in [100, 512, 4096, 4097, bytes.count / 2] {
            let prefix = Array(bytes.prefix(length))
            do {
                let packages = try SBOMFixtures.catalog(cataloger, path: Self.path, prefix)
                #expect(packages.count <= 2)
            } catch {
                #expect(!error.reason.isEmpty)
            }
        }
    }

    @Test func sqliteWithoutPackagesTableThrows() throws {
        // The fixture with the table name bytes damaged: SQLite opens it but finds no Packages.
        var bytes = try SBOMFixtures.osFixture("rpmdb.sqlite")
        let needle = Array("CREATE TABLE 'Packages'".utf8)
        let alternative = Array("CREATE TABLE \"Packages\"".utf8)
        let range = bytes.firstRange(of: needle) ?? bytes.firstRange(of: alternative)
        let found = try #require(range)
        bytes[found.upperBound - 2] = UInt8(ascii: "X")
        #expect(throws: CatalogError.self) {
            try SBOMFixtures.catalog(cataloger, path: Self.path, bytes)
        }
    }

    // MARK: header blobs

    /// Builds a header blob: (tag, type, value) entries with strings NUL-terminated and INT32s aligned.
    static func blob(_ entries: [(tag: UInt32, type: UInt32, value: [UInt8])]) -> [UInt8] {
        var index: [UInt8] = []
        var data: [UInt8] = []
        for entry in entries {
            if entry.type == 4 { while data.count % 4 != 0 { data.append(0) } }
            index += be(entry.tag) + be(entry.type) + be(UInt32(data.count)) + be(1)
            data += entry.value
        }
        return be(UInt32(entries.count)) + be(UInt32(data.count)) + index + data
    }

    static func be(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }

    static func string(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    static let validBlob = blob([
        (1000, 6, string("bash")), (1001, 6, string("5.1.8")), (1002, 6, string("6.el9")),
        (1003, 4, be(1)), (1014, 6, string("GPL-3.0-or-later")), (1022, 6, string("x86_64")),
        (1044, 6, string("bash-5.1.8-6.el9.src.rpm")),
    ])

    static func header(_ bytes: [UInt8]) throws(RpmHeader.Error) -> RpmHeader {
        var result: Result<RpmHeader, RpmHeader.Error> = .failure(.truncated)
        bytes.withUnsafeBytes { buffer in
            do throws(RpmHeader.Error) { result = .success(try RpmHeader(blob: buffer)) } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    @Test func headerBlobFields() throws {
        let package = try #require(RpmCataloger.package(from: try Self.header(Self.validBlob), path: Self.path))
        #expect(package.name == "bash")
        #expect(package.version == "1:5.1.8-6.el9")
        #expect(package.sourceName == nil)
        #expect(package.purl == "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&epoch=1")
    }

    @Test func sourceRPMDifferentFromBinary() throws {
        let bytes = Self.blob([
            (1000, 6, Self.string("glibc-langpack-en")), (1001, 6, Self.string("2.34")),
            (1002, 6, Self.string("100.el9")), (1044, 6, Self.string("glibc-2.34-100.el9.src.rpm")),
        ])
        let package = try #require(RpmCataloger.package(from: try Self.header(bytes), path: Self.path))
        #expect(package.sourceName == "glibc")
        #expect(package.sourceVersion == "2.34-100.el9")
        #expect(package.architecture == nil)
    }

    @Test func gpgPubkeyAndNamelessHeadersAreSkipped() throws {
        let pubkey = Self.blob([(1000, 6, Self.string("gpg-pubkey")), (1001, 6, Self.string("fd431d51"))])
        #expect(RpmCataloger.package(from: try Self.header(pubkey), path: Self.path) == nil)
        let nameless = Self.blob([(1001, 6, Self.string("1.0"))])
        #expect(RpmCataloger.package(from: try Self.header(nameless), path: Self.path) == nil)
    }

    @Test func truncatedHeadersThrow() {
        for length in [0, 4, 7, 8 + 15, Self.validBlob.count - 1] {
            #expect(throws: RpmHeader.Error.self) { try Self.header(Array(Self.validBlob.prefix(length))) }
        }
    }

    @Test func badCountsThrow() {
        var tooMany = Self.validBlob
        tooMany.replaceSubrange(0..<4, with: Self.be(0x7FFF_FFFF))
        #expect(throws: RpmHeader.Error.tooManyEntries(0x7FFF_FFFF)) { try Self.header(tooMany) }
        var hugeData = Self.validBlob
        hugeData.replaceSubrange(4..<8, with: Self.be(0xFFFF_FFFF))
        #expect(throws: RpmHeader.Error.dataLengthMismatch) { try Self.header(hugeData) }
        var moreEntries = Self.validBlob
        moreEntries.replaceSubrange(0..<4, with: Self.be(1000))
        #expect(throws: RpmHeader.Error.truncated) { try Self.header(moreEntries) }
    }

    @Test func outOfRangeOffsetsAndUnterminatedStringsGiveNoValue() throws {
        // NAME points past the data store; VERSION is not NUL-terminated.
        var bytes = Self.be(2) + Self.be(3)
        bytes += Self.be(1000) + Self.be(6) + Self.be(50) + Self.be(1)
        bytes += Self.be(1001) + Self.be(6) + Self.be(0) + Self.be(1)
        bytes += Array("1.0".utf8)
        let header = try Self.header(bytes)
        #expect(header.string(.name) == nil)
        #expect(header.string(.version) == nil)
        #expect(RpmCataloger.package(from: header, path: Self.path) == nil)
    }

    @Test func wrongTypesGiveNoValue() throws {
        // EPOCH stored as a string, NAME as an INT32, INT32 at the very end of the store.
        var bytes = Self.be(3) + Self.be(6)
        bytes += Self.be(1003) + Self.be(6) + Self.be(0) + Self.be(1)
        bytes += Self.be(1000) + Self.be(4) + Self.be(0) + Self.be(1)
        bytes += Self.be(1014) + Self.be(4) + Self.be(4) + Self.be(1)
        bytes += Array("1\0\0\0\0\0".utf8)
        let header = try Self.header(bytes)
        #expect(header.int32(.epoch) == nil)
        #expect(header.string(.name) == nil)
        #expect(header.int32(.license) == nil)
    }

    @Test func randomBlobsNeverCrash() {
        var generator = RpmFuzzGenerator(seed: 0x5EED)
        for _ in 0..<2000 {
            var bytes = Self.validBlob
            for _ in 0..<4 {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if let header = try? Self.header(bytes) {
                _ = RpmCataloger.package(from: header, path: Self.path)
            }
        }
    }

    @Test func sourceRPMNames() {
        #expect(RpmCataloger.parseSourceRPM("bash-5.1.8-6.el9.src.rpm")! == ("bash", "5.1.8-6.el9"))
        #expect(RpmCataloger.parseSourceRPM("python3-foo-bar-1.0-1.nosrc.rpm")! == ("python3-foo-bar", "1.0-1"))
        #expect(RpmCataloger.parseSourceRPM("nodash.src.rpm") == nil)
        #expect(RpmCataloger.parseSourceRPM("one-dash.src.rpm") == nil)
        #expect(RpmCataloger.parseSourceRPM("-1-2.src.rpm") == nil)
    }
}

/// xorshift64*: reproducible "random" mutations, so a failure can be replayed.
struct RpmFuzzGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
