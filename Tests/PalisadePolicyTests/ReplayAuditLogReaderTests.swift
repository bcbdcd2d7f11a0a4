import Foundation
import PalisadeCore
import Testing

@testable import PalisadePolicy

/// `AuditLogReader`: lines out of plain and gzip files, bounded memory, clear errors.
@Suite("Replay: audit log reader")
struct ReplayAuditLogReaderTests {
    /// Reads `path` and returns its lines as strings (`<overlong>` for dropped ones).
    static func lines(_ path: String, reader: AuditLogReader = AuditLogReader()) throws -> (
        [String], AuditLogReader.FileStats
    ) {
        var out: [String] = []
        let stats = try reader.forEachLine(path: path) { line in
            out.append(line.overlong ? "<overlong>" : String(decoding: line.bytes, as: UTF8.self))
        }
        return (out, stats)
    }

    @Test("lines split across read chunks, CRLF, and a last line without newline")
    func chunkBoundaries() throws {
        let s = try ReplayScratch()
        let long = String(repeating: "x", count: 10_000)
        let path = try s.write("audit.log", "a\r\n\(long)\nb\n\n\(long)y\nlast")
        let (lines, stats) = try Self.lines(path, reader: AuditLogReader(chunkBytes: 4096))
        #expect(lines == ["a", long, "b", "", long + "y", "last"])
        #expect(stats.lines == 6)
        #expect(!stats.gzip)
        #expect(stats.bytes == Int64(try Data(contentsOf: URL(fileURLWithPath: path)).count))
    }

    @Test("a line over the cap is reported as overlong and the next line is intact")
    func overlong() throws {
        let s = try ReplayScratch()
        let huge = String(repeating: "z", count: 20_000)
        let path = try s.write("audit.log", "ok\n\(huge)\nafter\n\(huge)")
        for chunk in [4096, 1 << 20] {
            let (lines, _) = try Self.lines(path, reader: AuditLogReader(maxLineBytes: 5000, chunkBytes: chunk))
            #expect(lines == ["ok", "<overlong>", "after", "<overlong>"], "chunk \(chunk)")
        }
    }

    @Test("gzip is detected by magic bytes, not by name; concatenated members read as one stream")
    func gzip() throws {
        let s = try ReplayScratch()
        let first = try s.gzip(try s.write("part1", "one\ntwo\n"))
        let second = try s.gzip(try s.write("part2", "three\n"))
        var joined = try Data(contentsOf: URL(fileURLWithPath: first))
        joined.append(try Data(contentsOf: URL(fileURLWithPath: second)))
        let disguised = try s.write("audit.log.1", joined)
        let (lines, stats) = try Self.lines(disguised)
        #expect(lines == ["one", "two", "three"])
        #expect(stats.gzip)
        #expect(stats.bytes == 14)
        // And a plain file named .gz is read as plain text.
        let plain = try s.write("plain.gz", "{\"a\":1}\n")
        let (plainLines, plainStats) = try Self.lines(plain)
        #expect(plainLines == ["{\"a\":1}"])
        #expect(!plainStats.gzip)
    }

    @Test("a corrupt or truncated gzip file is an InputError naming the file")
    func corruptGzip() throws {
        let s = try ReplayScratch()
        let good = try Data(contentsOf: URL(fileURLWithPath: try s.gzip(try s.write("log", "hello\nworld\n"))))
        var corrupt = good
        for i in 12..<min(20, corrupt.count - 8) { corrupt[i] ^= 0xFF }
        let truncated = good.prefix(good.count - 6)
        for (name, data) in [("corrupt.gz", corrupt), ("truncated.gz", Data(truncated))] {
            let path = try s.write(name, data)
            #expect {
                _ = try Self.lines(path)
            } throws: { error in
                guard let error = error as? InputError else { return false }
                return error.file == path && error.reason.hasPrefix("gzip:")
            }
        }
    }

    @Test("a missing file and a directory are InputErrors; an empty file has no lines")
    func missingAndEmpty() throws {
        let s = try ReplayScratch()
        #expect(throws: InputError.self) { _ = try Self.lines(s.url.appendingPathComponent("nope.log").path) }
        #expect(throws: InputError.self) { _ = try Self.lines(s.url.path) }
        let (lines, stats) = try Self.lines(try s.write("empty.log", ""))
        #expect(lines.isEmpty)
        #expect(stats.lines == 0)
    }
}
