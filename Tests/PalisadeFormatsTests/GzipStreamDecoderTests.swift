import Foundation
import Testing

@testable import PalisadeFormats

/// Compresses with Python's `gzip` module (written by a real encoder, not by us). `script` receives the input file
/// path as argv[1] and the output path as argv[2].
private func python(_ script: String, input: [UInt8] = []) throws -> [UInt8] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in")
    let outURL = dir.appendingPathComponent("out.gz")
    try Data(input).write(to: inURL)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, inURL.path, outURL.path]
    try p.run()
    p.waitUntilExit()
    try #require(p.terminationStatus == 0)
    return Array(try Data(contentsOf: outURL))
}

private func gzip(_ payload: [UInt8], level: Int = 6) throws -> [UInt8] {
    try python(
        """
        import gzip, sys
        d = open(sys.argv[1], "rb").read()
        open(sys.argv[2], "wb").write(gzip.compress(d, \(level), mtime=0))
        """, input: payload)
}

/// Feeds `gz` in `chunk`-sized pieces and returns the output, checking no output chunk exceeds 256 KiB.
private func decode(_ gz: [UInt8], chunk: Int, maxOutputBytes: Int64 = 1 << 34) throws -> [UInt8] {
    let d = GzipStreamDecoder(maxOutputBytes: maxOutputBytes)
    var out: [UInt8] = []
    var i = 0
    try gz.withUnsafeBytes { all in
        while i < all.count {
            let n = min(chunk, all.count - i)
            try d.feed(UnsafeRawBufferPointer(rebasing: all[i..<(i + n)])) { piece in
                #expect(piece.count <= 256 * 1024)
                out.append(contentsOf: piece)
            }
            i += n
        }
    }
    try d.finish()
    return out
}

/// Deterministic pseudo-random bytes (SplitMix64), incompressible.
private func randomBytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
    var s = seed
    return (0..<count).map { _ in
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}

private func textBytes() -> [UInt8] {
    Array((0..<20_000).map { "line \($0): apiVersion: v1, kind: Pod, image: nginx:1.\($0 % 30)\n" }.joined().utf8)
}

private func gzipError(_ body: () throws -> Void) -> GzipError? {
    do {
        try body()
        return nil
    } catch let e as GzipError {
        return e
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite struct GzipStreamDecoderTests {
    static let chunkSizes = [1, 7, 4096, Int.max]

    @Test(arguments: chunkSizes)
    func roundTripRandom(chunk: Int) throws {
        let payload = randomBytes(chunk == 1 ? 60_000 : 700_000)
        #expect(try decode(try gzip(payload), chunk: chunk) == payload)
    }

    @Test(arguments: chunkSizes)
    func roundTripText(chunk: Int) throws {
        let payload = textBytes()  // ~1.2 MB, compresses well: several 256 KiB output chunks per input chunk
        #expect(try decode(try gzip(payload, level: 9), chunk: chunk) == payload)
    }

    @Test func emptyPayload() throws {
        let gz = try gzip([])
        #expect(try decode(gz, chunk: Int.max) == [])
        #expect(try decode(gz, chunk: 1) == [])
    }

    @Test(arguments: chunkSizes)
    func multiMember(chunk: Int) throws {
        let a = textBytes()
        let b = randomBytes(50_000, seed: 7)
        let c = Array("tail\n".utf8)
        let gz = try gzip(a) + gzip([]) + gzip(b) + gzip(c, level: 1)
        #expect(try decode(gz, chunk: chunk) == a + b + c)
    }

    /// The member boundary falls at every possible offset within a feed call.
    @Test func multiMemberAllSplitPoints() throws {
        let a = try gzip(Array("first member\n".utf8))
        let b = try gzip(Array("second member\n".utf8))
        let gz = a + b
        for split in 0...gz.count {
            let d = GzipStreamDecoder()
            var out: [UInt8] = []
            try d.feed(Array(gz[..<split])) { out.append(contentsOf: $0) }
            try d.feed(Array(gz[split...])) { out.append(contentsOf: $0) }
            try d.finish()
            #expect(out == Array("first member\nsecond member\n".utf8), "split at \(split)")
        }
    }

    @Test(arguments: [1, 4, 8, 9, 100, 5000])
    func truncatedFailsAtFinish(drop: Int) throws {
        let gz = try gzip(randomBytes(10_000))
        let cut = Array(gz.dropLast(drop))
        let e = gzipError { _ = try decode(cut, chunk: 4096) }
        #expect(e?.kind == .truncated)
        #expect(e?.offset == Int64(cut.count))
    }

    @Test func emptyInputIsTruncated() {
        #expect(gzipError { _ = try decode([], chunk: 1) }?.kind == .truncated)
    }

    /// A truncated second member is also caught.
    @Test func truncatedSecondMember() throws {
        let gz = try gzip(Array("a".utf8)) + Array(try gzip(Array("b".utf8)).prefix(12))
        #expect(gzipError { _ = try decode(gz, chunk: 3) }?.kind == .truncated)
    }

    /// Flipping bytes in the deflate body must produce an error (never a crash or silent success).
    @Test func flippedDeflateByte() throws {
        let payload = textBytes()
        let gz = try gzip(payload)
        for pos in stride(from: 10, to: gz.count - 8, by: max(1, (gz.count - 18) / 40)) {
            var bad = gz
            bad[pos] ^= 0x5A
            let e = gzipError { _ = try decode(bad, chunk: 4096) }
            #expect(e != nil, "flip at \(pos)")
            if let e {
                #expect([.corruptData, .checksumMismatch, .truncated].contains(e.kind), "flip at \(pos): \(e)")
            }
        }
    }

    @Test(arguments: [8, 5, 4, 1])  // 8...5: CRC32 bytes, 4...1: ISIZE bytes
    func badTrailer(fromEnd: Int) throws {
        var gz = try gzip(textBytes())
        gz[gz.count - fromEnd] ^= 0x01
        let e = gzipError { _ = try decode(gz, chunk: 4096) }
        #expect(e?.kind == .checksumMismatch)
    }

    @Test(arguments: [
        Array("this is plainly not gzip data at all".utf8),
        [0x1F, 0x8B, 0x09, 0x00, 0, 0, 0, 0, 0, 0xFF, 1, 2, 3],  // method 9 (not deflate)
        Array("PK\u{3}\u{4}zip file".utf8),
    ])
    func notGzip(input: [UInt8]) {
        let e = gzipError { _ = try decode(input, chunk: Int.max) }
        #expect(e?.kind == .invalidHeader)
    }

    @Test func garbageAfterMember() throws {
        let gz = try gzip(Array("ok".utf8)) + Array("garbage!!!".utf8)
        let e = gzipError { _ = try decode(gz, chunk: Int.max) }
        #expect(e?.kind == .invalidHeader)
    }

    @Test func bombStopsAtLimit() throws {
        let bomb = try python(
            """
            import gzip, sys
            open(sys.argv[2], "wb").write(gzip.compress(bytes(100_000_000), 9, mtime=0))
            """)
        #expect(bomb.count < 200_000)
        let limit: Int64 = 10_000_000
        let start = ContinuousClock.now
        let e = gzipError { _ = try decode(bomb, chunk: 65536, maxOutputBytes: limit) }
        #expect(ContinuousClock.now - start < .seconds(5))
        guard case .outputLimitExceeded(let l, let produced)? = e?.kind else {
            Issue.record("expected limit error, got \(String(describing: e))")
            return
        }
        #expect(l == limit && produced > limit && produced <= limit + 256 * 1024)
        #expect(e!.offset > 0 && e!.offset < Int64(bomb.count))
        #expect(e!.description.contains("\(produced) bytes"))
    }

    @Test func unusableAfterError() {
        let d = GzipStreamDecoder()
        #expect(throws: GzipError.self) { try d.feed(Array("nope nope nope".utf8)) { _ in } }
        #expect(gzipError { try d.feed([0x1F]) { _ in } }?.kind == .decoderFailed)
        #expect(gzipError { try d.finish() }?.kind == .decoderFailed)
    }

    @Test func handlerErrorPropagates() throws {
        struct Stop: Error {}
        let d = GzipStreamDecoder()
        let gz = try gzip(textBytes())
        #expect(throws: Stop.self) { try d.feed(gz) { _ in throw Stop() } }
    }
}
