import Foundation
import Testing

/// `palisade seccomp record/generate/exec` end to end with the real strace and libseccomp: record
/// real programs, run them again under the generated profile, and see one extra syscall refused.
@Suite(.serialized) struct SeccompRecordCLITests {
    static let python = "/usr/bin/python3"

    /// strace is part of the test setup; on CI its absence is a failure, elsewhere a skip.
    static var straceAvailable: Bool {
        let found = ["/usr/bin/strace", "/bin/strace"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        if !found && ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("strace is missing; scripts/setup installs it")
        }
        return found
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-seccomp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a command directly (no palisade), for the reference output.
    static func plain(_ args: [String], in dir: URL) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        process.currentDirectoryURL = dir
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Records `command`, then runs it under the profile: same output, same exit code.
    func recordThenReplay(_ command: [String], replay: [String]? = nil) throws -> (profile: String, dir: URL) {
        let dir = try Self.scratch()
        let profile = dir.appendingPathComponent("profile.json").path
        let recorded = try CLIRunner.run(["seccomp", "record", "-o", profile, "--"] + command, in: dir)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let reference = try Self.plain(replay ?? command, in: dir)
        #expect(recorded.stdout == reference.stdout)
        let confined = try CLIRunner.run(
            ["seccomp", "exec", "--profile", profile, "--"] + (replay ?? command), in: dir)
        #expect(confined.status == reference.status, "\(confined.stderr)")
        #expect(confined.stdout == reference.stdout)
        return (profile, dir)
    }

    @Test func lsRunsUnderItsOwnProfile() throws {
        guard Self.straceAvailable else { return }
        let (profile, dir) = try recordThenReplay(["ls", "-la", "/usr/share"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try String(contentsOfFile: profile, encoding: .utf8)
        #expect(json.contains("\"defaultAction\": \"SCMP_ACT_ERRNO\""))
        #expect(json.contains("\"defaultErrnoRet\": 1"))
        for name in ["execve", "openat", "getdents64", "capset", "exit_group"] { #expect(json.contains("\"\(name)\"")) }
        #expect(!json.contains("\"ptrace\""))
        #expect(!json.contains("\"mount\""))
        // The generated profile passes its own grading.
        let check = try CLIRunner.run(["seccomp", "check", "--exit-code", "1", profile])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func pythonRunsUnderItsOwnProfile() throws {
        guard Self.straceAvailable else { return }
        let (_, dir) = try recordThenReplay([
            Self.python, "-c", "import json, hashlib; print(json.dumps({'h': hashlib.sha256(b'x').hexdigest()}))",
        ])
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func anHTTPServerAnsweringOneRequestRunsUnderItsOwnProfile() throws {
        guard Self.straceAvailable else { return }
        let script = """
            import http.server, threading, urllib.request
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b'hello from the server'
                    self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *a): pass
            server = http.server.HTTPServer(('127.0.0.1', 0), H)
            t = threading.Thread(target=server.handle_request); t.start()
            print(urllib.request.urlopen('http://127.0.0.1:%d/' % server.server_port, timeout=10).read().decode())
            t.join(); server.server_close()
            """
        let (_, dir) = try recordThenReplay([Self.python, "-c", script])
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func tarRunsUnderItsOwnProfile() throws {
        guard Self.straceAvailable else { return }
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data/sub"), withIntermediateDirectories: true)
        try Data("one\n".utf8).write(to: dir.appendingPathComponent("data/a.txt"))
        try Data("two\n".utf8).write(to: dir.appendingPathComponent("data/sub/b.txt"))
        let profile = dir.appendingPathComponent("tar.json").path
        let archive = dir.appendingPathComponent("a.tar").path
        let recorded = try CLIRunner.run(
            ["seccomp", "record", "-o", profile, "--", "tar", "-cvf", archive, "-C", dir.path, "data"], in: dir)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        try FileManager.default.removeItem(atPath: archive)
        let confined = try CLIRunner.run(
            ["seccomp", "exec", "--profile", profile, "--", "tar", "-cvf", archive, "-C", dir.path, "data"], in: dir)
        #expect(confined.status == 0, "\(confined.stderr)")
        #expect(confined.stdout == recorded.stdout)
        let listing = try Self.plain(["tar", "-tf", archive], in: dir)
        #expect(
            listing.stdout.split(separator: "\n").sorted() == ["data/", "data/a.txt", "data/sub/", "data/sub/b.txt"])
    }

    /// The same program, recorded without its extra call: under the profile, `unshare` and `ptrace`
    /// fail with EPERM while everything else works.
    @Test(arguments: [
        ("unshare", "libc.unshare(0x10000000)", "0 0"),
        // PTRACE_ATTACH to a pid that does not exist: ESRCH (3) when allowed, EPERM (1) when refused.
        ("ptrace", "libc.ptrace(16, 999999, 0, 0)", "-1 3"),
    ])
    func oneExtraSyscallIsRefusedWithEPERM(_ name: String, _ call: String, _ unconfined: String) throws {
        guard Self.straceAvailable else { return }
        let script = """
            import ctypes, sys
            libc = ctypes.CDLL(None, use_errno=True)
            if sys.argv[1] == 'probe':
                r = \(call)
                print('\(name)', r, ctypes.get_errno())
            else:
                print('\(name) skipped')
            """
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = dir.appendingPathComponent("p.json").path
        let recorded = try CLIRunner.run(
            ["seccomp", "record", "-o", profile, "--", Self.python, "-c", script, "noop"], in: dir)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let free = try Self.plain([Self.python, "-c", script, "probe"], in: dir)
        #expect(free.stdout == "\(name) \(unconfined)\n")
        let confined = try CLIRunner.run(
            ["seccomp", "exec", "--profile", profile, "--", Self.python, "-c", script, "probe"], in: dir)
        #expect(confined.stdout == "\(name) -1 1\n", "\(confined.stderr)")
        #expect(confined.status == 0)
    }

    @Test func exitCodesAndSignalsPropagate() throws {
        guard Self.straceAvailable else { return }
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = dir.appendingPathComponent("p.json").path
        let exited = try CLIRunner.run(["seccomp", "record", "-o", profile, "--", "sh", "-c", "exit 7"], in: dir)
        #expect(exited.status == 7)
        #expect(FileManager.default.fileExists(atPath: profile), "the profile is written even when the command fails")
        let killed = try CLIRunner.run(
            ["seccomp", "record", "-o", profile, "--", "sh", "-c", "kill -TERM $$"], in: dir)
        #expect(killed.status == SIGTERM)
        #expect(killed.stderr.contains("killed by signal 15"))
    }

    @Test func missingCommandAndMissingStraceAreClearErrors() throws {
        guard Self.straceAvailable else { return }
        let missing = try CLIRunner.run(["seccomp", "record", "--", "no-such-command-palisade"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines == ["palisade: error: command not found: no-such-command-palisade"])
        let noStrace = try CLIRunner.run(
            ["seccomp", "record", "--", "true"], environment: ["PALISADE_STRACE": "/nonexistent/strace"])
        #expect(noStrace.status == 2)
        #expect(noStrace.stderr.contains("strace not found"))
        let noCommand = try CLIRunner.run(["seccomp", "record"])
        #expect(noCommand.status == 2)
    }

    @Test func recordKeepsTheLogAndRunsMergeWithGenerate() throws {
        guard Self.straceAvailable else { return }
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("run1.log").path
        let second = dir.appendingPathComponent("run2.log").path
        _ = try CLIRunner.run(["seccomp", "record", "--log", first, "-o", "/dev/null", "--", "ls", "/"], in: dir)
        _ = try CLIRunner.run(
            ["seccomp", "record", "--log", second, "-o", "/dev/null", "--", Self.python, "-c", "print(1)"], in: dir)
        let report = dir.appendingPathComponent("report.json").path
        let merged = try CLIRunner.run(["seccomp", "generate", "--report", report, first, second], in: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("2 run(s)"))
        #expect(merged.stderr.contains("rest on a single run"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let rows = try #require(json["syscalls"] as? [[String: Any]])
        let execve = try #require(rows.first { $0["name"] as? String == "execve" })
        #expect(execve["runs"] as? Int == 2)
        #expect(rows.contains { ($0["runs"] as? Int) == 1 })
    }
}
