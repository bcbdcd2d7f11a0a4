import Foundation
import Testing

/// `palisade seccomp generate/check/diff` and `palisade k8s --seccomp-dir` on files.
@Suite struct SeccompProfileCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let containersCommon = fixtures.appendingPathComponent("containers-common/seccomp.json").path

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-seccomp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let log = """
        1234  execve("/bin/true", ["true"], 0x7ffd5c0 /* 20 vars */) = 0
        1234  brk(NULL)                         = 0x55d0c000
        1234  openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
        1234  read(3, "\\177ELF\\2\\1\\1\\0", 832) = 832
        1234  exit_group(0)                     = ?
        1234  +++ exited with 0 +++

        """

    @Test func generateFromStdinWritesDockerJSON() throws {
        let run = try CLIRunner.run(["seccomp", "generate", "--arch", "x86_64"], stdin: Self.log)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json)
        #expect(json["defaultAction"] as? String == "SCMP_ACT_ERRNO")
        #expect(json["defaultErrnoRet"] as? Int == 1)
        #expect(json["architectures"] as? [String] == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"])
        let rules = try #require(json["syscalls"] as? [[String: Any]])
        let names = try #require(rules.first?["names"] as? [String])
        #expect(names.contains("brk") && names.contains("openat") && names.contains("capset"))
        #expect(run.stderr.contains("1 run(s)"))
    }

    @Test func generateWritesSPOAndSnippet() throws {
        let spo = try CLIRunner.run(
            ["seccomp", "generate", "--format", "spo", "--name", "web", "--namespace", "shop", "--log-denied", "-"],
            stdin: Self.log)
        #expect(spo.status == 0)
        #expect(spo.stdout.contains("kind: SeccompProfile\nmetadata:\n  name: web\n  namespace: shop\n"))
        #expect(spo.stdout.contains("defaultAction: SCMP_ACT_LOG"))
        let snippet = try CLIRunner.run(
            ["seccomp", "generate", "--format", "snippet", "--name", "web"], stdin: Self.log)
        #expect(snippet.stdout.contains("type: Localhost\n    localhostProfile: profiles/web.json"))
    }

    @Test func generateGroupsPerProcessFilesIntoOneRun() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("execve(\"/bin/sh\", [\"sh\"], 0x1 /* 1 var */) = 0\nclone(child_stack=NULL) = 101\n".utf8).write(
            to: dir.appendingPathComponent("trace.100"))
        try Data("write(1, \"x\", 1) = 1\nexit_group(0) = ?\n".utf8).write(to: dir.appendingPathComponent("trace.101"))
        let report = dir.appendingPathComponent("report.txt").path
        let run = try CLIRunner.run(
            ["seccomp", "generate", "--report", report, "trace.100", "trace.101"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 run(s)"))
        let table = try String(contentsOfFile: report, encoding: .utf8)
        #expect(table.contains("runs: 1"))
        #expect(table.contains("trace.* (2 processes)"))
        #expect(table.contains("clone"))
    }

    @Test func generateRefusesInputWithoutSyscalls() throws {
        let garbage = try CLIRunner.run(["seccomp", "generate"], stdin: "hello\nthis is not strace\n\u{1}\u{2}\n")
        #expect(garbage.status == 2)
        #expect(garbage.stderr.hasPrefix("palisade: error: no syscalls found in stdin"))
        let missing = try CLIRunner.run(["seccomp", "generate", "/nonexistent/trace.log"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines.first == "palisade: error: /nonexistent/trace.log: No such file or directory")
        let directory = try CLIRunner.run(["seccomp", "generate", "/tmp"])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"))
        let badArch = try CLIRunner.run(["seccomp", "generate", "--arch", "sparc"], stdin: Self.log)
        #expect(badArch.status == 2)
    }

    @Test func checkGradesContainersCommonAgainstDocker() throws {
        let run = try CLIRunner.run(["seccomp", "check", "--format", "json", "--arch", "x86_64", Self.containersCommon])
        #expect(run.status == 0)
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        let dangerous = findings.filter { $0["ruleId"] as? String == "SECCOMP-DANGEROUS-SYSCALL" }
        let names = Set(dangerous.compactMap { $0["evidence"] as? String })
        #expect(names.isSuperset(of: ["mount", "ptrace", "unshare", "keyctl", "setns"]))
        let failing = try CLIRunner.run(["seccomp", "check", "--exit-code", "3", Self.containersCommon])
        #expect(failing.status == 3)
        // Against itself as the baseline there is nothing to report.
        let itself = try CLIRunner.run(
            ["seccomp", "check", "--exit-code", "3", "--baseline", Self.containersCommon, Self.containersCommon])
        #expect(itself.status == 0, "\(itself.stdout)")
    }

    @Test func checkReportsABadProfileWithItsPosition() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.json").path
        try Data("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [{\"names\": [\"read\"]}]\n}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let run = try CLIRunner.run(["seccomp", "check", path])
        #expect(run.status == 2)
        #expect(run.stderrLines == ["palisade: error: \(path):3:16: syscall rule has no action"])
    }

    @Test func diffShowsWhatChanged() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path
        let b = dir.appendingPathComponent("b.json").path
        try Data(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"mount\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
                .utf8
        ).write(to: URL(fileURLWithPath: a))
        try Data(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"ptrace\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
                .utf8
        ).write(to: URL(fileURLWithPath: b))
        let text = try CLIRunner.run(["seccomp", "diff", "--arch", "x86_64", a, b])
        #expect(text.status == 0)
        #expect(text.stdout.contains("+ ptrace"))
        #expect(text.stdout.contains("- mount"))
        let json = try CLIRunner.run(["seccomp", "diff", "--format", "json", "--exit-code", "1", a, b])
        #expect(json.status == 1)
        #expect((json.json?["nowAllowed"] as? [[String: Any]])?.first?["name"] as? String == "ptrace")
        let same = try CLIRunner.run(["seccomp", "diff", "--exit-code", "1", a, a])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("no difference"))
    }

    @Test func k8sJudgesLocalhostProfilesFromTheSeccompDirectory() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profiles = dir.appendingPathComponent("seccomp/profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        try Data("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}".utf8).write(to: profiles.appendingPathComponent("open.json"))
        try FileManager.default.copyItem(
            atPath: Self.containersCommon, toPath: profiles.appendingPathComponent("podman.json").path)
        let manifest = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: profiles/open.json}
              containers:
              - name: app
                image: nginx:1.25
              - name: side
                image: nginx:1.25
                securityContext:
                  seccompProfile: {type: Localhost, localhostProfile: profiles/typo.json}

            """
        let run = try CLIRunner.run(
            ["k8s", "--format", "json", "--seccomp-dir", dir.appendingPathComponent("seccomp").path, "-"],
            stdin: manifest)
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        let seccomp = findings.filter { ($0["ruleId"] as? String ?? "").hasPrefix("K8S-SECCOMP-") }
        #expect(
            Set(seccomp.compactMap { $0["ruleId"] as? String }) == [
                "K8S-SECCOMP-LOCALHOST-PERMISSIVE", "K8S-SECCOMP-LOCALHOST-MISSING",
            ])
        let permissive = try #require(seccomp.first { $0["ruleId"] as? String == "K8S-SECCOMP-LOCALHOST-PERMISSIVE" })
        #expect((permissive["message"] as? String)?.contains("SCMP_ACT_ALLOW") == true)
        #expect((permissive["message"] as? String)?.contains("ptrace") == true)
        // Without --seccomp-dir the rules stay silent.
        let plain = try CLIRunner.run(["k8s", "--format", "json", "-"], stdin: manifest)
        let plainIds = (plain.json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
        #expect(!plainIds.contains { $0.hasPrefix("K8S-SECCOMP-") })
        let bad = try CLIRunner.run(["k8s", "--seccomp-dir", "/nonexistent/dir", "-"], stdin: manifest)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--seccomp-dir is not a directory"))
    }
}
