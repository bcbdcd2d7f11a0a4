import PalisadeSeccomp
import Testing

/// A small seeded generator for the property tests of this target, so a failing case can be
/// replayed from its seed.
struct StraceTestRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("strace parser robustness")
struct StraceRobustnessTests {
    /// Feeds `bytes` in random chunk sizes (including empty and 1-byte chunks).
    private func parseInChunks(_ bytes: [UInt8], using rng: inout StraceTestRandom) -> StraceTrace {
        var parser = StraceLogParser()
        var offset = 0
        while offset < bytes.count {
            let size: Int
            switch rng.next() % 4 {
            case 0: size = Int(rng.next() % 3)
            case 1: size = Int(rng.next() % 64)
            case 2: size = Int(rng.next() % 4096)
            default: size = Int(rng.next() % 100_000)
            }
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBytes { parser.feed($0) }
            offset = end
        }
        return parser.finish()
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        for name in try StraceFixture.all() {
            var bytes = try StraceFixture.bytes(name)
            bytes.removeLast(7)  // also a truncated last line
            let whole = StraceLogParser.parse(bytes)
            for seed in 0..<40 {
                var rng = StraceTestRandom(seed: UInt64(seed) &* 7919 &+ UInt64(name.utf8.count))
                #expect(parseInChunks(bytes, using: &rng) == whole, "\(name) seed \(seed)")
            }
        }
    }

    @Test func concatenatedFixturesChunkedAtEveryByte() throws {
        let bytes = try StraceFixture.bytes("summary-f-32bit.log") + StraceFixture.bytes("personality-f-tt.log")
        let whole = StraceLogParser.parse(bytes)
        var parser = StraceLogParser()
        for byte in bytes {
            withUnsafeBytes(of: byte) { parser.feed($0) }
        }
        #expect(parser.finish() == whole)
    }

    @Test func randomBytesNeverCrash() {
        for seed in 0..<200 {
            var rng = StraceTestRandom(seed: UInt64(seed))
            let count = Int(rng.next() % 5000)
            let alphabet = Array("0123456789 ()<>[]=.:-+_?abcrdeisuomp\n\r\t\"\\".utf8)
            let bytes: [UInt8] = (0..<count).map { _ in
                rng.next() % 3 == 0
                    ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            let trace = StraceLogParser.parse(bytes)
            checkSane(trace, bytes)
            var chunked = StraceTestRandom(seed: UInt64(seed) + 1)
            #expect(parseInChunks(bytes, using: &chunked) == trace, "seed \(seed)")
        }
    }

    @Test func mutatedFixtureLinesNeverCrash() throws {
        let names = try StraceFixture.all()
        for seed in 0..<60 {
            var rng = StraceTestRandom(seed: UInt64(seed) &+ 1000)
            var bytes = try StraceFixture.bytes(names[Int(rng.next() % UInt64(names.count))])
            for _ in 0..<Int(rng.next() % 200) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(Array("()<>[]= \n\0".utf8)[Int(rng.next() % 10)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 80)))
                }
            }
            let trace = StraceLogParser.parse(bytes)
            checkSane(trace, bytes)
        }
    }

    @Test func everyTruncationOfALogIsSane() throws {
        let bytes = try StraceFixture.bytes("external-stracepy-firefox-f-tt-T-yy.log")
        let whole = StraceLogParser.parse(bytes)
        for length in 0...bytes.count {
            let trace = StraceLogParser.parse(Array(bytes[0..<length]))
            checkSane(trace, Array(bytes[0..<length]))
            #expect(trace.unparsedLines <= 1, "\(length)")
            for (name, count) in trace.calls[.native] ?? [:] {
                #expect(count <= (whole.calls[.native]?[name] ?? 0) + 1, "\(length) \(name)")
            }
        }
    }

    @Test func manyPendingCallsAndPids() {
        var text = ""
        for pid in 1...3000 { text += "\(pid) futex(0x7f, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>\n" }
        for pid in (1...3000).reversed() { text += "\(pid) <... futex resumed>) = 0\n" }
        let trace = StraceLogParser.parse(Array(text.utf8))
        #expect(trace.calls == [.native: ["futex": 3000]])
        #expect(trace.processes == 3000)
    }

    @Test func manyDistinctNamesGrowTheTable() {
        var text = ""
        for i in 0..<5000 { text += "syscall_\(i)(0) = -1 ENOSYS (Function not implemented)\n" }
        text += "syscall_42(0) = 0\n"
        let trace = StraceLogParser.parse(Array(text.utf8))
        #expect(trace.allNames.count == 5000)
        #expect(trace.count("syscall_42") == 2)
        #expect(trace.count("syscall_4999") == 1)
    }

    private func checkSane(_ trace: StraceTrace, _ bytes: [UInt8]) {
        let newlines = bytes.filter { $0 == 0x0A }.count
        #expect(trace.lines <= newlines + 1)
        #expect(trace.unparsedLines <= trace.lines)
        #expect(trace.unparsedExamples.count == min(5, trace.unparsedLines))
        #expect(trace.unparsedExamples.allSatisfy { $0.count <= 120 && $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } })
        #expect(trace.processes <= max(1, trace.lines))
        for table in trace.calls.values {
            #expect(table.values.allSatisfy { $0 > 0 })
            #expect(table.keys.allSatisfy { !$0.isEmpty })
        }
    }
}
