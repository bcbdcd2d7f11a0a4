import PalisadeSeccomp
import Testing

/// One line (or a few) of each output form, taken from real strace 6.1 output.
@Suite("strace line formats")
struct StraceFormatTests {
    private func parse(_ text: String) -> StraceTrace {
        StraceLogParser.parse(Array(text.utf8))
    }

    @Test func leaders() {
        let lines = [
            #"openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"1234  openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"[pid  1234] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"12:34:56 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"12:34:56.123456 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"1700000000.123456 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"     0.000123 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3 <0.000012>"#,
            #"[00007f1234567890] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"[????????????????] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"[ 257] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"1234  12:34:56.123456 [00007f1234567890] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3 <0.000012>"#,
            #"[pid  1234] 1700000000.123456 [ 257] openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3 <0.000012>"#,
            #"openat(AT_FDCWD</tmp>, "/etc/passwd", O_RDONLY) = 3</etc/passwd>"#,
            #"1234<sh> openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
            #"[pid  1234<cat>] 12:34:56 openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3"#,
        ]
        for line in lines {
            let trace = parse(line + "\n")
            #expect(trace.calls == [.native: ["openat": 1]], "\(line)")
            #expect(trace.unparsedLines == 0, "\(line)")
            #expect(trace.lines == 1)
        }
    }

    @Test func pidPrefixesCountProcesses() {
        let trace = parse(
            """
            100   clone(child_stack=NULL, flags=SIGCHLD) = 101
            101   getpid()                = 101
            [pid   102] getpid() = 102
            100   +++ exited with 0 +++

            """)
        #expect(trace.processes == 3)
        #expect(trace.count("getpid") == 2)
    }

    @Test func unfinishedAndResumedCountOnce() {
        let trace = parse(
            """
            200 read(3,  <unfinished ...>
            201 write(1, "x", 1 <unfinished ...>
            200 <... read resumed>"abc", 4096) = 3
            201 <... write resumed>)        = 1
            202 <... futex resumed>)        = 0
            203 wait4(-1,  <unfinished ...>
            203 <... wait4 resumed> <unfinished ...>) = ?
            203 +++ killed by SIGKILL +++

            """)
        #expect(trace.count("read") == 1)
        #expect(trace.count("write") == 1)
        // Its start is not in the log (attached mid-call): counted at the resume.
        #expect(trace.count("futex") == 1)
        #expect(trace.count("wait4") == 1)
        #expect(trace.unparsedLines == 0)
    }

    @Test func knownNonSyscallLines() {
        let trace = parse(
            """
            --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1, si_uid=0, si_status=0} ---
            --- stopped by SIGSTOP ---
            +++ exited with 0 +++
            +++ killed by SIGKILL +++
            strace: Process 123 attached
            strace: Process 123 detached
            strace: Process 123 attached
             <unfinished ...>
            ????( <detached ...>
             > /lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0x85) [0x271c5]
            )                                       = 0x7f326dff8000
            Process 77 attached
            strace: [ Process PID=77 runs in 32 bit mode. ]
            restart_syscall(<... resuming interrupted read ...>) = 0
            restart_syscall(<... resumed interrupted call>) = 0

            """)
        #expect(trace.unparsedLines == 0, "\(trace.unparsedExamples)")
        #expect(trace.lines == 15)
        #expect(trace.allNames == ["restart_syscall"])
    }

    @Test func unknownSyscallsKeepTheirPrintedName() {
        let trace = parse(
            """
            syscall_0x1b6(0x1, 0x2, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)
            syscall_438(0x1, 0x2) = -1 ENOSYS (Function not implemented)
            _llseek(3, 0, [0], SEEK_SET) = 0

            """)
        #expect(trace.allNames == ["syscall_0x1b6", "syscall_438", "_llseek"])
    }

    @Test func overlongNamesAreNoise() {
        let long = String(repeating: "a", count: 65)
        let trace = parse("\(long)(1) = 0\n<... \(long) resumed>) = 0\n\(long.dropLast())(1) = 0\n")
        #expect(trace.unparsedLines == 2)
        #expect(trace.allNames == [String(long.dropLast())])
    }

    @Test func quotedDelimitersInArguments() {
        let trace = parse(
            #"""
            write(1, "a) = 3 <b> \"(c)\"\n", 17) = 17
            openat(AT_FDCWD, "<unfinished ...>", O_RDONLY) = -1 ENOENT (No such file or directory)
            connect(3<TCP:[127.0.0.1:59574->127.0.0.1:46989]>, {sa_family=AF_INET, sin_port=htons(80)}, 16) = 0
            select(4, [3], NULL, NULL, {tv_sec=1, tv_usec=0}) = 1 (in [3], left {tv_sec=0, tv_usec=999})

            """#)
        #expect(trace.total() == 4)
        #expect(trace.unparsedLines == 0)
    }

    @Test func personalityIsPerPid() {
        let trace = parse(
            """
            10 execve("./a32", ["./a32"], 0x7ffc /* 3 vars */ <unfinished ...>
            11 getpid() = 11
            [pid 10] [ Process PID=10 runs in 32 bit mode. ]
            10 <... execve resumed>) = 0
            10 open("/etc/hostname", O_RDONLY) = 3
            11 open("/etc/hostname", O_RDONLY) = 3
            12 [ Process PID=12 runs in x32 mode. ]
            12 write(1, "x", 1) = -1 ENOSYS (Function not implemented)
            12 [ Process PID=12 runs in 64 bit mode. ]
            12 write(1, "x", 1) = 1

            """)
        #expect(trace.calls[.compat32] == ["open": 1])
        #expect(trace.calls[.x32] == ["write": 1])
        #expect(trace.count("execve") == 1)
        #expect(trace.count("open") == 1)
        #expect(trace.count("write") == 1)
    }

    @Test func summaryTableColumnsComeFromTheHeader() {
        let trace = parse(
            """
                calls syscall
            --------- ------------------
                    3 read
                   19 close
            --------- ------------------
                   22 total
            syscall                calls    errors  longest shortest  usecs/call     seconds % time
            ------------------ --------- --------- -------- -------- ----------- ----------- ------
            sched_getaffinity          1           0.000000 0.000000           0    0.000000   0.00
            openat                    31        13 0.000000 0.000000           0    0.000000   0.00
            ------------------ --------- --------- -------- -------- ----------- ----------- ------
            total                     32        13 0.000000 0.000000           0    0.000000 100.00
            System call usage summary for 32 bit mode:
            % time     seconds  usecs/call     calls    errors syscall
            ------ ----------- ----------- --------- --------- ----------------
              0.00    0.000000           0         7         2 open
            ------ ----------- ----------- --------- --------- ----------------
            100.00    0.000000           0         7         2 total

            """)
        #expect(trace.calls[.native] == ["read": 3, "close": 19, "sched_getaffinity": 1, "openat": 31])
        #expect(trace.calls[.compat32] == ["open": 7])
        #expect(trace.unparsedLines == 0)
        #expect(trace.lines == 18)
    }

    @Test func crlfLineEnds() {
        let trace = parse("1 read(3, \"\", 4) = 0\r\n1 close(3) = 0\r\n\r\n1 +++ exited with 0 +++\r\n")
        #expect(trace.calls == [.native: ["read": 1, "close": 1]])
        #expect(trace.lines == 3)
        #expect(trace.unparsedLines == 0)
    }

    @Test func callLinesFinishedOnTheNextLine() {
        // Real stderr logs: strace's attach message, or the traced program's own stderr
        // output, lands inside a call line, and the call ends on the next line.
        let trace = parse(
            #"""
            clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLDstrace: Process 3087 attached
            , child_tidptr=0x7fdf00a65a10) = 3087
            [pid  3094] write(2, "\n", 1
            ) = 1
            write(2, "oops\n", 5oops
            )                                       = 5
            read(0, 
            close(0) = 0
            openat(AT_FDCWD, "/x", O_RDONLY

            """#)
        #expect(trace.calls == [.native: ["clone": 1, "write": 2, "close": 1]])
        #expect(trace.unparsedLines == 2)
        #expect(trace.unparsedExamples == ["read(0,", #"openat(AT_FDCWD, "/x", O_RDONLY"#])
        #expect(trace.lines == 9)
    }

    @Test func truncatedLastLine() {
        let cut = parse("1234 openat(AT_FDCWD, \"/a\", O_RDONLY) = 3\n1234 read(3, ")
        #expect(cut.calls == [.native: ["openat": 1, "read": 1]])
        #expect(cut.unparsedLines == 0)
        // The same line in the middle of a log is not a call.
        let middle = parse("1234 read(3, \n1234 close(3) = 0\n")
        #expect(middle.calls == [.native: ["close": 1]])
        #expect(middle.unparsedLines == 1)
    }

    @Test func garbageIsCountedWithPrintableExamples() {
        var bytes = Array("hello world\nfoo(bar\n\u{1}\u{0}bin\u{ff}ary\n".utf8)
        bytes += [0xC3, 0x28, 0x0A]  // invalid UTF-8
        bytes += Array("== not strace ==\n".utf8)
        bytes += Array(String(repeating: "x", count: 300).utf8) + [0x0A]
        bytes += Array("close(3) = 0\n".utf8)
        let trace = StraceLogParser.parse(bytes)
        #expect(trace.unparsedLines == 6)
        #expect(trace.lines == 7)
        #expect(trace.calls == [.native: ["close": 1]])
        #expect(
            trace.unparsedExamples == [
                "hello world", "foo(bar", #"\x01\x00bin\xc3\xbfary"#, #"\xc3("#, "== not strace ==",
            ])
        #expect(trace.unparsedExamples.allSatisfy { $0.count <= 120 })
    }

    @Test func examplesAreCutTo120Characters() {
        let trace = parse(String(repeating: "\u{7f}", count: 200) + "\n" + String(repeating: "y", count: 500) + "\n")
        #expect(trace.unparsedExamples.count == 2)
        #expect(trace.unparsedExamples[0].count == 120)
        #expect(trace.unparsedExamples[0].hasPrefix(#"\x7f\x7f"#))
        #expect(trace.unparsedExamples[1] == String(repeating: "y", count: 120))
    }

    @Test func emptyInput() {
        #expect(StraceLogParser.parse([]) == StraceTrace())
        let blank = parse("\n\n   \n\r\n")
        #expect(blank.lines == 0)
        #expect(blank.processes == 0)
    }

    @Test func mergeSumsAndKeepsFiveExamples() {
        var a = parse("1 read(3, \"\", 1) = 0\nx\ny\nz\n")
        let b = parse("2 read(3, \"\", 1) = 0\n2 write(1, \"\", 0) = 0\nu\nv\nw\n")
        a.merge(b)
        #expect(a.calls == [.native: ["read": 2, "write": 1]])
        #expect(a.processes == 2)
        #expect(a.unparsedLines == 6)
        #expect(a.unparsedExamples == ["x", "y", "z", "u", "v"])
        #expect(a.lines == 9)
    }
}
