import Foundation
import Testing

@testable import PalisadeFormats

/// Builds tar archives in memory: ustar headers with correct checksums, plus GNU/PAX metadata members.
enum TarFixture {
    static func header(
        _ name: String, type: Character = "0", size: Int = 0, link: String = "", prefix: String = "",
        magic: [UInt8] = Array("ustar\u{0}00".utf8), sizeField: [UInt8]? = nil, signedChecksum: Bool = false
    ) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ at: Int, _ bytes: [UInt8]) { for (i, b) in bytes.enumerated() { h[at + i] = b } }
        func octal(_ v: Int, _ width: Int) -> [UInt8] {
            let digits = String(v, radix: 8)
            let zeros = String(repeating: "0", count: max(0, width - 1 - digits.count))
            return Array((zeros + digits).utf8) + [0]
        }
        put(0, Array(name.utf8.prefix(100)))
        put(100, octal(0o644, 8))
        put(108, octal(1000, 8))
        put(116, octal(1000, 8))
        put(124, sizeField ?? octal(size, 12))
        put(136, octal(1_700_000_000, 12))
        h[156] = type.asciiValue!
        put(157, Array(link.utf8))
        put(257, magic)
        put(345, Array(prefix.utf8))
        if signedChecksum { h[300] = 0xF0 }  // a high byte makes signed and unsigned sums differ
        put(148, Array(repeating: 0x20, count: 8))
        let sum = signedChecksum ? h.reduce(0) { $0 + Int(Int8(bitPattern: $1)) } : h.reduce(0) { $0 + Int($1) }
        put(148, Array(String(sum, radix: 8).utf8) + [0])
        return h
    }

    static func padded(_ data: [UInt8]) -> [UInt8] {
        data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static func member(_ name: String, type: Character = "0", data: [UInt8] = [], link: String = "") -> [UInt8] {
        header(name, type: type, size: data.count, link: link) + padded(data)
    }

    static func pax(_ records: [(String, String)]) -> [UInt8] {
        var body: [UInt8] = []
        for (k, v) in records {
            let rest = " \(k)=\(v)\n".utf8.count
            var len = rest + 1
            while String(len).count + rest != len { len += 1 }
            body += Array("\(len) \(k)=\(v)\n".utf8)
        }
        return member("PaxHeaders/x", type: "x", data: body)
    }

    static let end = [UInt8](repeating: 0, count: 1024)
}

/// Collected events for assertions.
struct Collected: Equatable {
    var entries: [TarEntry] = []
    var data: [[UInt8]] = []
    var ends = 0
}

func readTar(_ bytes: [UInt8], chunk: Int = .max, reader: TarReader = TarReader()) throws -> Collected {
    var reader = reader
    var out = Collected()
    func handle(_ e: TarEvent) {
        switch e {
        case .entry(let entry):
            out.entries.append(entry)
            out.data.append([])
        case .data(let d): out.data[out.data.count - 1] += Array(d)
        case .entryEnd: out.ends += 1
        }
    }
    var i = 0
    while i < bytes.count {
        let j = min(bytes.count, i + min(chunk, bytes.count))
        try reader.feed(Array(bytes[i..<j]), handle)
        i = j
    }
    try reader.finish()
    return out
}

func tarErrorKind(_ bytes: [UInt8], reader: TarReader = TarReader()) -> TarError.Kind? {
    do {
        _ = try readTar(bytes, reader: reader)
        return nil
    } catch let e as TarError { return e.kind } catch { return nil }
}

@Suite("TarReader")
struct TarReaderTests {
    static let hello = Array("hello, world\n".utf8)
    static let big = (0..<1500).map { UInt8($0 % 251) }
    static let simple =
        TarFixture.member("etc/", type: "5") + TarFixture.member("etc/passwd", data: hello)
        + TarFixture.member("bin/big", data: big) + TarFixture.member("empty", data: []) + TarFixture.end

    @Test(arguments: [1, 7, 512, 513, 4096, Int.max])
    func regularFilesAcrossChunkSizes(chunk: Int) throws {
        let r = try readTar(Self.simple, chunk: chunk)
        #expect(r.entries.map(\.path) == ["etc/", "etc/passwd", "bin/big", "empty"])
        #expect(r.entries.map(\.kind) == [.directory, .file, .file, .file])
        #expect(r.data == [[], Self.hello, Self.big, []])
        #expect(r.ends == 4)
        let passwd = r.entries[1]
        #expect(passwd.size == 13 && passwd.mode == 0o644 && passwd.uid == 1000 && passwd.gid == 1000)
        #expect(passwd.mtime == 1_700_000_000 && passwd.headerOffset == 512)
    }

    @Test func ustarPrefixAndLinks() throws {
        let bytes =
            TarFixture.header("name.txt", prefix: "some/long/prefix")
            + TarFixture.member("l", type: "2", link: "/etc/x")
            + TarFixture.member("h", type: "1", link: "some/long/prefix/name.txt") + TarFixture.end
        let r = try readTar(bytes)
        #expect(r.entries.map(\.path) == ["some/long/prefix/name.txt", "l", "h"])
        #expect(r.entries.map(\.kind) == [.file, .symlink, .hardlink])
        #expect(r.entries.map(\.linkTarget) == ["", "/etc/x", "some/long/prefix/name.txt"])
    }

    @Test func gnuLongNameAndLink() throws {
        let long = String(repeating: "d/", count: 100) + "file"
        let target = String(repeating: "t", count: 300)
        let bytes =
            TarFixture.member("././@LongLink", type: "L", data: Array(long.utf8) + [0])
            + TarFixture.member("././@LongLink", type: "K", data: Array(target.utf8) + [0])
            + TarFixture.member("short", type: "2", link: "short") + TarFixture.member("next", data: Self.hello)
            + TarFixture.end
        let r = try readTar(bytes, chunk: 7)
        #expect(r.entries.map(\.path) == [long, "next"])
        #expect(r.entries[0].linkTarget == target)
        #expect(r.entries[1].linkTarget == "")
        #expect(r.data[1] == Self.hello)
    }

    @Test func paxOverridesAndGlobalIgnored() throws {
        let long = String(repeating: "p", count: 250) + "/é"
        let bytes =
            TarFixture.member("g", type: "g", data: Array("13 path=zzzz\n".utf8))
            + TarFixture.pax([("path", long), ("linkpath", "tgt"), ("uid", "4000000000"), ("mtime", "12.5")])
            + TarFixture.member("trunc", type: "2", link: "t") + TarFixture.member("plain", data: Self.hello)
            + TarFixture.end
        let r = try readTar(bytes)
        #expect(r.entries.map(\.path) == [long, "plain"])
        #expect(r.entries[0].linkTarget == "tgt" && r.entries[0].uid == 4_000_000_000 && r.entries[0].mtime == 12)
        #expect(r.entries[1].uid == 1000)
    }

    @Test func paxSizeOverridesHeaderSize() throws {
        let bytes =
            TarFixture.pax([("size", "\(Self.big.count)")]) + TarFixture.header("f", sizeField: Array("0".utf8) + [0])
            + TarFixture.padded(Self.big) + TarFixture.end
        #expect(try readTar(bytes, chunk: 100).data == [Self.big])
    }

    @Test func base256Size() throws {
        var field = [UInt8](repeating: 0, count: 12)
        field[0] = 0x80
        field[11] = UInt8(Self.hello.count)
        let bytes = TarFixture.header("b", sizeField: field) + TarFixture.padded(Self.hello) + TarFixture.end
        #expect(try readTar(bytes).data == [Self.hello])
        // 2^40 + 1 in base-256 is above a 1 TiB limit: capped, not allocated.
        field[6] = 1
        field[11] = 1
        let huge = TarFixture.header("b", sizeField: field)
        #expect(tarErrorKind(huge) == .entryTooLarge((1 << 40) + 1))
    }

    @Test func octalFieldsWithSpacesAndSignedChecksum() throws {
        let field = Array("    15 \0\0\0\0\0".utf8)
        let bytes =
            TarFixture.header("s", sizeField: field, signedChecksum: true) + TarFixture.padded(Self.hello)
            + TarFixture.end
        #expect(try readTar(bytes).data == [Self.hello])
    }

    @Test func badChecksum() throws {
        var bytes = TarFixture.member("f", data: Self.hello) + TarFixture.end
        bytes[0] = UInt8(ascii: "g")
        #expect(tarErrorKind(bytes) == .badChecksum)
    }

    @Test func truncationIsReportedAtFinish() throws {
        let full = TarFixture.member("f", data: Self.big)
        #expect(tarErrorKind(Array(full.prefix(300))) == .truncatedHeader)
        #expect(tarErrorKind(Array(full.prefix(1000))) == .truncatedData)
        #expect(tarErrorKind(Array(full.prefix(512 + Self.big.count))) == .truncatedData)  // padding missing
        do {
            _ = try readTar(Array(full.prefix(1000)))
            Issue.record("expected an error")
        } catch let e as TarError {
            #expect(e.entry == "f" && e.offset == 1000)
            #expect(e.description.contains("\"f\""))
        }
    }

    @Test func missingEndBlocksAcceptedAtEntryBoundary() throws {
        let r = try readTar(TarFixture.member("a", data: Self.hello) + TarFixture.member("b", type: "5"))
        #expect(r.entries.map(\.path) == ["a", "b"])
        #expect(try readTar([]).entries.isEmpty)
        // One zero block then EOF is accepted (GNU tar does too), trailing record padding is ignored.
        #expect(try readTar(TarFixture.member("a") + [UInt8](repeating: 0, count: 512)).entries.count == 1)
        #expect(try readTar(TarFixture.member("a") + [UInt8](repeating: 0, count: 10240)).entries.count == 1)
    }

    @Test func orphanMetadataAndLonelyZeroBlock() throws {
        #expect(tarErrorKind(TarFixture.pax([("path", "x")])) == .orphanMetadata)
        #expect(tarErrorKind(TarFixture.pax([("path", "x")]) + TarFixture.end) == .orphanMetadata)
        let lonely = [UInt8](repeating: 0, count: 512) + TarFixture.member("a")
        #expect(tarErrorKind(lonely) == .lonelyZeroBlock)
    }

    @Test func hugeOrMalformedPaxIsCapped() throws {
        // A PAX member claiming 1 GiB: rejected from the header, before any buffering.
        let huge = TarFixture.header("PaxHeaders/x", type: "x", size: 1 << 30)
        #expect(tarErrorKind(huge) == .metadataTooLarge(1 << 30))
        // A record whose length runs past the member.
        let overrun = TarFixture.member("PaxHeaders/x", type: "x", data: Array("999999999999 path=x\n".utf8))
        #expect(tarErrorKind(overrun + TarFixture.member("a")) == .malformedPax("bad length"))
        let long = TarFixture.member("PaxHeaders/x", type: "x", data: Array("99 path=x\n".utf8))
        #expect(tarErrorKind(long + TarFixture.member("a")) == .malformedPax("record length 99 does not fit"))
        let badSize = TarFixture.pax([("size", "12x")]) + TarFixture.member("a")
        #expect(tarErrorKind(badSize) == .malformedPax("bad size"))
        let small = TarReader(maxMetadataSize: 100)
        let gnu = TarFixture.member("././@LongLink", type: "L", data: [UInt8](repeating: 0x61, count: 200))
        #expect(tarErrorKind(gnu + TarFixture.member("a"), reader: small) == .metadataTooLarge(200))
    }

    @Test func garbageNeverCrashes() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<3000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = tarErrorKind(bytes)
        }
        // Mutate a valid archive byte by byte: errors or results, never a crash.
        for i in stride(from: 0, to: Self.simple.count, by: 37) {
            var m = Self.simple
            m[i] ^= 0x5A
            _ = try? readTar(m, chunk: 64)
        }
        #expect(tarErrorKind(Array(repeating: 0xFF, count: 1024)) == .badChecksum)
    }

    @Test func readerIsUnusableAfterError() throws {
        var reader = TarReader()
        #expect(throws: TarError.self) { try reader.feed([UInt8](repeating: 1, count: 512)) { _ in } }
        #expect(throws: TarError.self) { try reader.feed([0]) { _ in } }
        #expect(throws: TarError.self) { try reader.finish() }
    }

    @Test(arguments: [
        ("./etc/passwd", "etc/passwd", false), ("/etc/passwd", "etc/passwd", false), ("a/./b//c/", "a/b/c", false),
        ("a/../../etc/shadow", "etc/shadow", true), ("../x", "x", true), ("a/b/../c", "a/c", false),
        ("./", "", false), ("/../..", "", true),
    ])
    func normalizedPaths(raw: String, normalized: String, escapes: Bool) throws {
        let r = try readTar(TarFixture.member(raw) + TarFixture.end)
        #expect(r.entries[0].path == raw)
        #expect(r.entries[0].normalizedPath == normalized)
        #expect(r.entries[0].escapesRoot == escapes)
    }

    @Test func nonUTF8NameDecodedWithReplacement() throws {
        var h = TarFixture.header("a\u{7F}b")
        h[1] = 0xFF
        h[148..<156] = ArraySlice(repeating: 0x20, count: 8)
        let sum = h.reduce(0) { $0 + Int($1) }
        for (i, b) in (Array(String(sum, radix: 8).utf8) + [0]).enumerated() { h[148 + i] = b }
        #expect(try readTar(h + TarFixture.end).entries[0].path == "a\u{FFFD}b")
    }

    /// Archives written by Python's `tarfile` in GNU and PAX formats (long names, long link targets, big uids).
    @Test(arguments: ["GNU_FORMAT", "PAX_FORMAT"])
    func pythonTarfile(format: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a.tar").path
        let script = """
            import tarfile, io, sys
            with tarfile.open(sys.argv[1], "w", format=tarfile.\(format)) as t:
                i = tarfile.TarInfo("x/" * 80 + "long.txt"); d = b"data" * 300; i.size = len(d); i.uid = 3000000
                t.addfile(i, io.BytesIO(d))
                l = tarfile.TarInfo("link"); l.type = tarfile.SYMTYPE; l.linkname = "../" * 60 + "t"
                t.addfile(l)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, out]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
        let r = try readTar(bytes, chunk: 333)
        #expect(r.entries.map(\.path) == [String(repeating: "x/", count: 80) + "long.txt", "link"])
        #expect(r.entries[0].uid == 3_000_000 && r.entries[0].size == 1200)
        #expect(r.data[0] == Array(String(repeating: "data", count: 300).utf8))
        #expect(r.entries[1].kind == .symlink && r.entries[1].linkTarget == String(repeating: "../", count: 60) + "t")
    }
}
