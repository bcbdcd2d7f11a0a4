import Foundation
import Testing

@testable import PalisadeFormats

/// The zstd decoder against the real `zstd` tool, plus hostile input, and the format sniffing
/// of `StreamDecompressor`.
@Suite struct ZstdStreamDecoderTests {
    static func tool(_ args: [String], input: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let inPipe = Pipe()
        let outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        try p.run()
        let writer = Thread {
            inPipe.fileHandleForWriting.write(Data(input))
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(out)
    }

    static let sample: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) & 0x3f }

    func decode(_ bytes: [UInt8], chunk: Int, limit: Int64 = 1 << 30) throws -> [UInt8] {
        let d = ZstdStreamDecoder(maxOutputBytes: limit)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunk)
            try d.feed(Array(bytes[i..<end])) { out.append(contentsOf: $0) }
            i = end
        }
        try d.finish()
        return out
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func roundTripsWhateverTheChunkSize(chunk: Int) throws {
        let compressed = try Self.tool(["zstd", "-q", "-c", "-3"], input: Self.sample)
        #expect(try decode(compressed, chunk: chunk) == Self.sample)
    }

    @Test func concatenatedFramesDecodeAsOneStream() throws {
        let a = try Self.tool(["zstd", "-q", "-c"], input: Array("first ".utf8))
        let b = try Self.tool(["zstd", "-q", "-c"], input: Array("second".utf8))
        #expect(try decode(a + b, chunk: 3) == Array("first second".utf8))
    }

    @Test func truncatedStreamsFail() throws {
        let compressed = try Self.tool(["zstd", "-q", "-c"], input: Self.sample)
        #expect(throws: ZstdError.self) { try decode(Array(compressed.prefix(compressed.count - 5)), chunk: 1000) }
        #expect(throws: ZstdError.self) { try decode([], chunk: 10) }
    }

    @Test func bombsStopAtTheCap() throws {
        let compressed = try Self.tool(["zstd", "-q", "-c", "-19"], input: [UInt8](repeating: 0, count: 32 << 20))
        #expect(compressed.count < 1 << 20)
        do {
            _ = try decode(compressed, chunk: 1 << 16, limit: 1 << 20)
            Issue.record("expected the cap")
        } catch let e as ZstdError {
            guard case .outputLimitExceeded = e.kind else {
                Issue.record("wrong error \(e)")
                return
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var junk = (0..<Int.random(in: 0..<2048, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng), junk.count >= 4 {
                junk.replaceSubrange(0..<4, with: [0x28, 0xb5, 0x2f, 0xfd])
            }
            _ = try? decode(junk, chunk: Int.random(in: 1...512, using: &rng), limit: 1 << 22)
        }
    }

    @Test(arguments: ["gzip", "zstd", "plain"])
    func decompressorSniffsTheEncoding(kind: String) throws {
        let bytes: [UInt8]
        switch kind {
        case "gzip": bytes = try Self.tool(["gzip", "-c"], input: Self.sample)
        case "zstd": bytes = try Self.tool(["zstd", "-q", "-c"], input: Self.sample)
        default: bytes = Self.sample
        }
        // First chunks smaller than the 4-byte sniff window must work too.
        for chunk in [1, 3, 65_536] {
            let d = StreamDecompressor()
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                let end = min(bytes.count, i + chunk)
                try Array(bytes[i..<end]).withUnsafeBytes { raw in
                    try d.feed(raw) { out.append(contentsOf: $0) }
                }
                i = end
            }
            try d.finish()
            #expect(out == Self.sample, "chunk \(chunk)")
            #expect(d.encoding?.rawValue == (kind == "plain" ? "uncompressed" : kind))
        }
    }
}
