/// How one strace output line reads, from its bytes alone (the parser keeps the state: pending
/// unfinished calls, personalities, summary tables). Name positions are byte offsets into the line.
enum StraceLine: Equatable {
    /// Nothing but spaces.
    case blank
    /// A syscall start: `openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3`.
    case call(pid: Int, name: Range<Int>, ending: CallEnding)
    /// The second half of a split call: `<... read resumed>, "...", 4096) = 12`.
    case resumed(pid: Int, name: Range<Int>, unfinishedAgain: Bool)
    /// `+++ exited with 0 +++`, `+++ killed by SIGKILL +++`: the pid's pending call ends with it.
    case exited(pid: Int)
    /// `[ Process PID=1234 runs in 32 bit mode. ]`; `announced` is the PID in the message.
    case personality(pid: Int, announced: Int, SyscallPersonality)
    /// A line strace prints that is not a syscall: signals, `strace:` messages, `-k` stack
    /// frames, `????( <detached ...>`.
    case known(pid: Int)
    /// The rest of a call line that something cut: `, child_tidptr=0x7f…) = 3087` after
    /// `strace: Process 3087 attached` landed inside a `clone(` line, or `) = 0` after `-z`
    /// dropped the `<... NAME resumed>` head, or after the traced program's own stderr output.
    case continuation(pid: Int)
    /// Anything else: a summary table line, or noise.
    case other

    /// Pid of lines without a pid prefix (`strace` without `-f`, `-ff -o` files, stderr output
    /// while only one process is traced).
    static let implicitPid = -1

    /// Longer "names" are noise: the longest syscall names are about 25 bytes.
    static let maxNameLength = 64

    /// How a syscall start line ends.
    enum CallEnding: Equatable {
        /// `= result` is on the line.
        case complete
        /// `<unfinished ...>`: a `<... NAME resumed>` line follows.
        case unfinished
        /// Neither: only plausible as a log's truncated last line.
        case open
    }
}

extension StraceLine {
    /// Classifies `line` (no newline; a trailing `\r` already removed).
    static func classify(_ line: UnsafeRawBufferPointer) -> StraceLine {
        let n = line.count
        var i = 0
        while i < n && line[i] == Ascii.space { i += 1 }
        if i == n { return .blank }
        var pid = implicitPid
        var sawLeader = false
        // The leader: pid (`1234 ` or `[pid  1234] `), timestamps (`-t`, `-tt`, `-ttt`, `-r`),
        // instruction pointer (`-i`: `[00007f…] `) and syscall number (`-n`: `[  59] `).
        leader: while i < n {
            let c = line[i]
            if Ascii.isDigit(c) {
                var j = i
                var digitsOnly = true
                while j < n {
                    let d = line[j]
                    if Ascii.isDigit(d) {
                    } else if d == Ascii.dot || d == Ascii.colon {
                        digitsOnly = false
                    } else {
                        break
                    }
                    j += 1
                }
                let end = j
                if digitsOnly && !sawLeader { j = skipComm(line, j) }  // `-Y`: `1234<sh> `
                guard j < n && line[j] == Ascii.space else { return .other }
                if digitsOnly && !sawLeader && end - i <= 7 {
                    pid = parseInt(line, i, end)
                }
                sawLeader = true
                i = j
            } else if c == Ascii.openBracket {
                if hasPrefix(line, i, Ascii.pidBracket) {
                    var j = i + Ascii.pidBracket.utf8CodeUnitCount
                    while j < n && line[j] == Ascii.space { j += 1 }
                    let digits = j
                    while j < n && Ascii.isDigit(line[j]) { j += 1 }
                    let end = j
                    j = skipComm(line, j)
                    guard end > digits, j < n, line[j] == Ascii.closeBracket else { return .other }
                    pid = parseInt(line, digits, end)
                    sawLeader = true
                    i = j + 1
                } else if hasPrefix(line, i, Ascii.processBracket) {
                    return personality(line, i, pid)
                } else {
                    // `[00007f1234567890]`, `[????????????????]`, `[  59]`.
                    var j = i + 1
                    while j < n && j - i < 40
                        && (Ascii.isHexDigit(line[j]) || line[j] == Ascii.space || line[j] == Ascii.question)
                    {
                        j += 1
                    }
                    guard j < n, line[j] == Ascii.closeBracket else { return .other }
                    sawLeader = true
                    i = j + 1
                }
            } else if c == Ascii.space {
                i += 1
            } else {
                break leader
            }
        }
        guard i < n else { return .other }
        let c = line[i]
        if Ascii.isNameStart(c) {
            var j = i + 1
            while j < n && Ascii.isNameByte(line[j]) { j += 1 }
            if j < n && line[j] == Ascii.openParen && j - i <= maxNameLength {
                var callEnding = ending(line, from: j + 1)
                if callEnding == .open && interruptedByAttach(line, from: j + 1) { callEnding = .unfinished }
                return .call(pid: pid, name: i..<j, ending: callEnding)
            }
            if hasPrefix(line, i, Ascii.straceColon) {
                let k = i + Ascii.straceColon.utf8CodeUnitCount
                if hasPrefix(line, k, Ascii.processBracket) { return personality(line, k, pid) }
                return .known(pid: pid)
            }
            if hasPrefix(line, i, Ascii.processSpace) { return .known(pid: pid) }  // strace 4: `Process 12 attached`
            return .other
        }
        switch c {
        case Ascii.lessThan:
            // The rest of a call line that `strace: Process N attached` cut (stderr output).
            if hasPrefix(line, i, Ascii.unfinished) { return .known(pid: pid) }
            guard hasPrefix(line, i, Ascii.resumedOpen) else { return .other }
            let start = i + Ascii.resumedOpen.utf8CodeUnitCount
            var j = start
            while j < n && Ascii.isNameByte(line[j]) { j += 1 }
            guard j > start, j - start <= maxNameLength, hasPrefix(line, j, Ascii.resumedClose) else {
                return .other
            }
            return .resumed(pid: pid, name: start..<j, unfinishedAgain: endsWith(line, Ascii.unfinished))
        case Ascii.plus:
            return hasPrefix(line, i, Ascii.plusses) ? .exited(pid: pid) : .other
        case Ascii.minus:
            return hasPrefix(line, i, Ascii.dashes) ? .known(pid: pid) : .other
        case Ascii.greaterThan:
            return i + 1 < n && line[i + 1] == Ascii.space ? .known(pid: pid) : .other
        case Ascii.closeParen, Ascii.comma:
            return ending(line, from: i) == .complete ? .continuation(pid: pid) : .other
        case Ascii.question:
            return hasPrefix(line, i, Ascii.detachedCall) ? .known(pid: pid) : .other
        default:
            return .other
        }
    }

    /// Past the `<comm>` that `-Y` (`--decode-pids=comm`) prints after a pid, if there is one.
    private static func skipComm(_ line: UnsafeRawBufferPointer, _ at: Int) -> Int {
        guard at < line.count, line[at] == Ascii.lessThan else { return at }
        var j = at + 1
        while j < line.count && j - at <= 64 {
            if line[j] == Ascii.greaterThan { return j + 1 }
            j += 1
        }
        return at
    }

    /// `<unfinished ...>` at the end, or a ` = ` (result) found scanning back from the end:
    /// results are short, so the scan stops after a few bytes on real lines.
    private static func ending(_ line: UnsafeRawBufferPointer, from start: Int) -> CallEnding {
        if endsWith(line, Ascii.unfinished) { return .unfinished }
        if endsWith(line, Ascii.detached) { return .complete }
        var k = line.count - 2
        while k > start {
            if line[k] == Ascii.equals && line[k - 1] == Ascii.space && line[k + 1] == Ascii.space {
                return .complete
            }
            k -= 1
        }
        return .open
    }

    /// Whether `strace: Process N attached` was printed into the middle of this call line: strace
    /// writes the message to stderr while the call's arguments are half printed, and puts
    /// ` <unfinished ...>` on the next line.
    private static func interruptedByAttach(_ line: UnsafeRawBufferPointer, from start: Int) -> Bool {
        let marker = Ascii.straceProcess
        var k = start
        while k + marker.utf8CodeUnitCount <= line.count {
            if line[k] == Ascii.lowerS && hasPrefix(line, k, marker) { return true }
            k += 1
        }
        return false
    }

    /// `[ Process PID=1234 runs in 32 bit mode. ]` starting at `i`.
    private static func personality(_ line: UnsafeRawBufferPointer, _ i: Int, _ pid: Int) -> StraceLine {
        var j = i + Ascii.processBracket.utf8CodeUnitCount
        let digits = j
        while j < line.count && Ascii.isDigit(line[j]) { j += 1 }
        let announced = j > digits ? parseInt(line, digits, j) : pid
        guard hasPrefix(line, j, Ascii.runsIn) else { return .known(pid: pid) }
        j += Ascii.runsIn.utf8CodeUnitCount
        if hasPrefix(line, j, Ascii.mode32) { return .personality(pid: pid, announced: announced, .compat32) }
        if hasPrefix(line, j, Ascii.modeX32) { return .personality(pid: pid, announced: announced, .x32) }
        if hasPrefix(line, j, Ascii.mode64) { return .personality(pid: pid, announced: announced, .native) }
        return .known(pid: pid)
    }

    static func parseInt(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        var value = 0
        var k = start
        while k < end && k - start < 18 {
            value = value &* 10 &+ Int(line[k] &- Ascii.zero)
            k += 1
        }
        return value
    }

    static func hasPrefix(_ line: UnsafeRawBufferPointer, _ at: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard at >= 0, at + count <= line.count else { return false }
        let p = prefix.utf8Start
        var k = 0
        while k < count {
            if line[at + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    static func endsWith(_ line: UnsafeRawBufferPointer, _ suffix: StaticString) -> Bool {
        var end = line.count
        while end > 0 && line[end - 1] == Ascii.space { end -= 1 }
        return hasPrefix(line, end - suffix.utf8CodeUnitCount, suffix)
    }
}
