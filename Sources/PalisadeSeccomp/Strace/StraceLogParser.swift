#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streaming strace log parser. Logs of long-running workloads reach gigabytes, so it works on
/// raw bytes, a line at a time, without building a `String` per line: feed chunks of any size
/// (lines may be split across chunks), then `finish()`. Understands `-f`/`-ff`/`-Y`, every timestamp
/// form, `-T`, `-i`, `-n`, `-k`, `-y`/`-yy`, unfinished/resumed pairs, signals and exits,
/// personality switches and `-c`/`-C` summary tables; anything else is counted as unparsed.
public struct StraceLogParser: Sendable {
    private var names = SyscallNameTable()
    /// Per name id, per personality (`id * 3 + personality index`): calls seen as lines.
    private var counts: [Int] = []
    /// The same, from `-c`/`-C` summary tables' `calls` column.
    private var tableCounts: [Int] = []
    /// The unterminated tail of the last chunk.
    private var carry: [UInt8] = []
    private var lines = 0
    private var unparsedLines = 0
    private var examples: [String] = []
    private var recognizedAny = false
    private var pids = RecentPidSet()
    private var lastPid = StraceLine.implicitPid
    /// Pids not in the native personality.
    private var personalities: [Int: SyscallPersonality] = [:]
    /// Per pid, the name id of its `<unfinished ...>` call.
    private var pending = PendingCalls()
    private var table = StraceSummaryTable()
    /// A call line without a result (`write(2, "oops\n", 5oops`): a call if the next line
    /// finishes it (`) = 5`), else unparsed.
    private var openCall: OpenCall?

    private struct OpenCall: Sendable {
        var pid: Int
        var id: Int
        var example: String
    }

    public init() {}

    /// Parses the complete lines in `bytes`; a trailing partial line waits for the next chunk.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let n = bytes.count
        var start = 0
        if !carry.isEmpty {
            guard let newline = memchr(base, Int32(Ascii.newline), n) else {
                carry.append(contentsOf: bytes)
                return
            }
            let end = base.distance(to: UnsafeRawPointer(newline))
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<end]))
            var line: [UInt8] = []
            swap(&line, &carry)
            line.withUnsafeBytes { process($0, last: false) }
            line.removeAll(keepingCapacity: true)
            carry = line
            start = end + 1
        }
        while start < n {
            guard let newline = memchr(base + start, Int32(Ascii.newline), n - start) else { break }
            let end = base.distance(to: UnsafeRawPointer(newline))
            process(UnsafeRawBufferPointer(start: base + start, count: end - start), last: false)
            start = end + 1
        }
        if start < n {
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<n]))
        }
    }

    /// Parses the last, unterminated line (a syscall start there counts: strace was cut off
    /// mid-line) and returns the trace.
    public mutating func finish() -> StraceTrace {
        if !carry.isEmpty {
            var line: [UInt8] = []
            swap(&line, &carry)
            line.withUnsafeBytes { process($0, last: true) }
        }
        if let open = openCall {
            openCall = nil
            unparsed(example: open.example)
        }
        var trace = StraceTrace()
        let strings = names.names()
        for (id, name) in strings.enumerated() {
            for (index, personality) in SyscallPersonality.allCases.enumerated() {
                // `-C` prints the calls and then their table: the same calls, counted once.
                let count = max(counts[id * 3 + index], tableCounts[id * 3 + index])
                if count > 0 { trace.calls[personality, default: [:]][name, default: 0] += count }
            }
        }
        trace.lines = lines
        trace.unparsedLines = unparsedLines
        trace.unparsedExamples = examples
        trace.processes = pids.isEmpty ? (recognizedAny ? 1 : 0) : pids.count
        return trace
    }

    /// Convenience: whole buffer at once.
    public static func parse(_ bytes: [UInt8]) -> StraceTrace {
        var parser = StraceLogParser()
        bytes.withUnsafeBytes { parser.feed($0) }
        return parser.finish()
    }

    private mutating func process(_ raw: UnsafeRawBufferPointer, last: Bool) {
        var count = raw.count
        while count > 0 && (raw[count - 1] == Ascii.carriageReturn || raw[count - 1] == Ascii.space) {
            count -= 1
        }
        let line = UnsafeRawBufferPointer(rebasing: raw[0..<count])
        let kind = StraceLine.classify(line)
        if kind == .blank { return }
        if let open = openCall {
            openCall = nil
            if case .continuation = kind {
                lines += 1
                register(open.pid)
                counts[open.id * 3 + personalityIndex(open.pid)] += 1
                return
            }
            unparsed(example: open.example)
        }
        if table.isOpen {
            var row: StraceSummaryTable.Row?
            if table.continueTable(line, row: &row) {
                lines += 1
                recognizedAny = true
                if let row {
                    let id = intern(UnsafeRawBufferPointer(rebasing: line[row.name]))
                    let slot = id * 3 + Self.index(table.personality)
                    tableCounts[slot] = Self.saturatingSum(tableCounts[slot], row.calls)
                }
                return
            }
        }
        switch kind {
        case .blank:
            return
        case .call(let pid, let name, let ending):
            let id = intern(UnsafeRawBufferPointer(rebasing: line[name]))
            if ending == .open && !last {
                lines += 1
                openCall = OpenCall(pid: pid, id: id, example: UnparsedExample.render(line))
                return
            }
            seen(pid)
            counts[id * 3 + personalityIndex(pid)] += 1
            if ending == .unfinished { pending.set(pid, id) }
        case .resumed(let pid, let name, let unfinishedAgain):
            seen(pid)
            let id = intern(UnsafeRawBufferPointer(rebasing: line[name]))
            if pending.remove(pid) == id {
            } else if pid != StraceLine.implicitPid && pending.id(of: StraceLine.implicitPid) == id {
                // Output to stderr: the call started before a second process was traced, so
                // without a `[pid N]` prefix.
                pending.remove(StraceLine.implicitPid)
            } else if pid == StraceLine.implicitPid, let match = pending.pid(withCall: id) {
                // Output to stderr: the others have exited, so the prefix is gone again.
                pending.remove(match)
            } else {
                // Its start is not in this log (attached mid-call, or a cut excerpt): count it here.
                counts[id * 3 + personalityIndex(pid)] += 1
            }
            if unfinishedAgain { pending.set(pid, id) }
        case .exited(let pid):
            seen(pid)
            if !pending.isEmpty { pending.remove(pid) }
        case .personality(let pid, let announced, let personality):
            seen(pid)
            for key in Set([pid, announced]) {
                if personality == .native {
                    personalities.removeValue(forKey: key)
                } else {
                    personalities[key] = personality
                }
            }
        case .known(let pid):
            seen(pid)
        case .continuation(let pid):
            // Nothing open before it: the rest of a call already counted (`-z`), or of one cut
            // by `strace: Process N attached` (recorded as unfinished).
            seen(pid)
            if !pending.isEmpty { pending.remove(pid) }
        case .other:
            if table.begin(line) {
                lines += 1
                recognizedAny = true
            } else {
                unparsed(line)
            }
        }
    }

    @inline(__always) private mutating func seen(_ pid: Int) {
        lines += 1
        register(pid)
    }

    @inline(__always) private mutating func register(_ pid: Int) {
        recognizedAny = true
        if pid != lastPid {
            lastPid = pid
            if pid != StraceLine.implicitPid { pids.insert(pid) }
        }
    }

    private mutating func unparsed(_ line: UnsafeRawBufferPointer) {
        lines += 1
        unparsedLines += 1
        if examples.count < StraceTrace.maxExamples { examples.append(UnparsedExample.render(line)) }
    }

    /// An open call line nothing finished (already in `lines`).
    private mutating func unparsed(example: String) {
        unparsedLines += 1
        if examples.count < StraceTrace.maxExamples { examples.append(example) }
    }

    private mutating func intern(_ name: UnsafeRawBufferPointer) -> Int {
        let id = names.id(of: name)
        if id * 3 >= counts.count {
            counts.append(contentsOf: [0, 0, 0])
            tableCounts.append(contentsOf: [0, 0, 0])
        }
        return id
    }

    @inline(__always) private func personalityIndex(_ pid: Int) -> Int {
        if personalities.isEmpty { return 0 }
        return Self.index(personalities[pid] ?? .native)
    }

    /// A garbled table row can carry an 18-digit count; adding such rows must not trap.
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    private static func index(_ personality: SyscallPersonality) -> Int {
        switch personality {
        case .native: 0
        case .compat32: 1
        case .x32: 2
        }
    }
}
