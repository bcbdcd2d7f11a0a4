import Foundation
import PalisadeSeccomp
import Testing

/// Real strace logs under `Tests/Fixtures/strace` (see its `SOURCES.md`).
enum StraceFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/strace")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func trace(_ name: String) throws -> StraceTrace {
        StraceLogParser.parse(try bytes(name))
    }

    /// Every log in the directory.
    static func all() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".log") || $0.hasPrefix("perpid.") }
            .sorted()
    }
}

extension StraceTrace {
    func count(_ name: String, _ personality: SyscallPersonality = .native) -> Int {
        calls[personality]?[name] ?? 0
    }

    func total(_ personality: SyscallPersonality = .native) -> Int {
        calls[personality]?.values.reduce(0, +) ?? 0
    }
}

@Suite("strace fixtures")
struct StraceFixtureTests {
    @Test func everyFixtureParsesCleanly() throws {
        let names = try StraceFixture.all()
        #expect(names.count >= 20)
        for name in names {
            let trace = try StraceFixture.trace(name)
            #expect(trace.unparsedLines == 0, "\(name): \(trace.unparsedExamples)")
            #expect(trace.lines > 0, "\(name)")
            #expect(!trace.allNames.isEmpty, "\(name)")
        }
    }

    @Test func plainLs() throws {
        let trace = try StraceFixture.trace("ls.log")
        #expect(trace.count("execve") == 1)
        #expect(trace.count("openat") == 34)
        #expect(trace.count("getdents64") == 2)
        #expect(trace.count("exit_group") == 1)
        #expect(trace.lines == 146)
        #expect(trace.processes == 1)
        #expect(trace.calls.keys.sorted { $0.rawValue < $1.rawValue } == [.native])
    }

    @Test func forkedPipelineWithTimestampsCountsSplitCallsOnce() throws {
        let trace = try StraceFixture.trace("sh-pipe-f-tt-T.log")
        // 30 `<unfinished ...>` lines, 30 `<... resumed>` lines: counted at their start only.
        #expect(trace.count("clone") == 5)
        #expect(trace.count("wait4") == 8)
        #expect(trace.count("close") == 14)
        #expect(trace.count("exit_group") == 6)
        #expect(trace.processes == 6)
        #expect(trace.lines == 137)
    }

    @Test func stderrOutputWithPidBracketsAndAttachMessagesInsideLines() throws {
        // `wait4(-1, strace: Process 26785 attached` / ` <unfinished ...>`: strace's own message
        // lands in the middle of the call line when the log is stderr.
        let trace = try StraceFixture.trace("sh-stderr-pid.log")
        #expect(trace.count("wait4") == 3)
        #expect(trace.count("execve") == 2)
        #expect(trace.processes == 3)
        #expect(trace.unparsedLines == 0)
    }

    @Test func threadsInterleaveUnfinishedAndResumed() throws {
        let trace = try StraceFixture.trace("threads-f-tt-T.log")
        #expect(trace.count("futex") == 71)
        #expect(trace.count("clone3") == 4)
        #expect(trace.processes == 5)
        #expect(trace.lines == 272)
    }

    @Test func perProcessFilesMerge() throws {
        var merged = StraceTrace()
        for name in ["perpid.781", "perpid.782", "perpid.783"] {
            merged.merge(try StraceFixture.trace(name))
        }
        #expect(merged.processes == 3)
        #expect(merged.count("exit_group") == 3)
        #expect(merged.count("clone") == 2)
        #expect(merged.count("dup2") == 2)
        #expect(merged.count("set_robust_list") == 3)
    }

    @Test func timestampAndInstructionPointerAndNumberLeaders() throws {
        let ttt = try StraceFixture.trace("ttt-i.log")
        let relative = try StraceFixture.trace("r-n.log")
        let verbose = try StraceFixture.trace("xverbose.log")
        for trace in [ttt, relative, verbose] {
            #expect(trace.count("openat") == 31)
            #expect(trace.count("read") == 5)
            #expect(trace.count("close") == 20)
            #expect(trace.count("execve") == 1)
        }
        #expect(ttt.calls == relative.calls)
    }

    @Test func stackTraceFramesAreKnownLines() throws {
        let trace = try StraceFixture.trace("stack-k.log")
        #expect(trace.count("openat") == 31)
        #expect(trace.count("exit_group") == 1)
        #expect(trace.total() == 32)
        #expect(trace.lines == 296)
    }

    @Test func fdDecorations() throws {
        let net = try StraceFixture.trace("yy-net.log")
        #expect(net.count("socket") == 3)
        #expect(net.count("getsockname") == 5)
        #expect(net.count("accept4") == 1)
        #expect(net.count("recvfrom") == 1)
        let files = try StraceFixture.trace("yy.log")
        #expect(files.count("openat") == 3)
        #expect(files.count("execve") == 1)
    }

    @Test func seccompBpfFilteredFollowForks() throws {
        let trace = try StraceFixture.trace("seccomp-bpf.log")
        #expect(trace.count("execve") == 3)
        #expect(trace.count("clone") == 2)
        #expect(trace.count("wait4") == 3)
        #expect(trace.count("exit_group") == 3)
        #expect(trace.processes == 3)
        #expect(trace.allNames == ["execve", "clone", "wait4", "exit_group"])
    }

    @Test func decodedPidsWithCommNames() throws {
        let trace = try StraceFixture.trace("decode-pids-Y.log")
        #expect(trace.count("clone") == 2)
        #expect(trace.count("dup2") == 2)
        #expect(trace.count("wait4") == 3)
        #expect(trace.count("exit_group") == 3)
        #expect(trace.processes == 3)
    }

    @Test func successfulOnlyOutputPrintsBareResumptions() throws {
        // `-z`: `2481  futex(…, 1 <unfinished ...>` then `)    = 1`, with no pid and no name.
        let trace = try StraceFixture.trace("successful-only-z-f.log")
        #expect(trace.count("futex") == 81)
        #expect(trace.count("openat") == 28)
        #expect(trace.processes == 5)
        #expect(trace.lines == 185)
    }

    @Test func attachMidCallShowsRestartSyscall() throws {
        let trace = try StraceFixture.trace("attach-restart.log")
        #expect(trace.count("restart_syscall") == 1)
        #expect(trace.count("close") == 2)
        #expect(trace.count("exit_group") == 1)
    }

    @Test func personalitySwitches() throws {
        let forked = try StraceFixture.trace("personality-f-tt.log")
        for name in ["write", "open", "read", "close", "getpid", "exit"] {
            #expect(forked.count(name, .compat32) == 1, "\(name)")
        }
        #expect(forked.total(.compat32) == 6)
        #expect(forked.count("write", .x32) == 1)
        #expect(forked.total(.x32) == 1)
        // x32try's second write and its exit ran in 64-bit mode again.
        #expect(forked.count("exit") == 1)
        #expect(forked.count("execve") == 3)

        let plain = try StraceFixture.trace("personality-32bit-plain.log")
        #expect(plain.total(.compat32) == 6)
        #expect(plain.count("execve") == 1)
        #expect(plain.processes == 1)

        let x32 = try StraceFixture.trace("personality-x32.log")
        #expect(x32.count("write", .x32) == 1)
        #expect(x32.count("write") == 1)
        #expect(x32.count("exit") == 1)
    }

    @Test func personalityMessageIsNotInOutputFiles() throws {
        // strace prints `[ Process PID=N runs in 32 bit mode. ]` to stderr even with `-o`, so
        // a `-o` file alone reads as native: nothing in it says otherwise.
        let trace = try StraceFixture.trace("t-32bit-f.log")
        #expect(trace.count("open") == 1)
        #expect(trace.calls[.compat32] == nil)
    }

    @Test func summaryTables() throws {
        let c = try StraceFixture.trace("summary-c.log")
        #expect(c.total() == 148)
        #expect(c.count("getdents64") == 2)
        #expect(c.count("openat") == 34)
        #expect(c.count("ioctl") == 1)
        #expect(c.allNames.count == 23)
        #expect(!c.allNames.contains("total"))
        #expect(c.lines == 27)

        for name in ["summary-w-S.log", "summary-U.log"] {
            let trace = try StraceFixture.trace(name)
            #expect(trace.total() == 119, "\(name)")
            #expect(trace.count("openat") == 31, "\(name)")
            #expect(trace.count("copy_file_range") == 1, "\(name)")
        }

        // -C: the calls, then their table; exit_group never returns so only the lines have it.
        let both = try StraceFixture.trace("summary-C.log")
        #expect(both.count("openat") == 31)
        #expect(both.count("exit_group") == 1)
        #expect(both.count("close") == 20)
    }

    @Test func summaryTablesPerPersonality() throws {
        let trace = try StraceFixture.trace("summary-f-32bit.log")
        #expect(trace.total() == 65)
        #expect(trace.count("vfork") == 2)
        #expect(trace.total(.compat32) == 5)
        #expect(trace.count("open", .compat32) == 1)
        #expect(trace.count("write", .x32) == 1)
        #expect(trace.total(.x32) == 1)
    }

    @Test func olderStraceFromAnotherProject() throws {
        // bmwcarit/stracepy's firefox log (MIT): `-f -tt -T -y -yy`, fstat/stat era.
        let trace = try StraceFixture.trace("external-stracepy-firefox-f-tt-T-yy.log")
        #expect(trace.count("read") == 2)
        #expect(trace.count("exit_group") == 1)
        #expect(trace.count("close") == 5)
        #expect(trace.count("faccessat") == 2)
        #expect(trace.processes == 2)
    }
}
