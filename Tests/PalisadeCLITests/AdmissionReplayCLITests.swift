import Foundation
import Testing

/// `palisade admission replay` end to end on the recorded Falco audit events (plain and gzip'd),
/// bad input, and the exit codes.
@Suite("palisade admission replay")
struct AdmissionReplayCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/falco-k8s-audit")

    static let recorded = [
        "create_nginx_pod_privileged.json", "create_deployment.json", "create_nginx_pod_hostnetwork.json",
        "exec_pod.json", "modify_cluster_role_node_problem_detector.json",
    ]

    /// All recorded events in one log, as an API server's log file would hold them.
    static func log(in s: Scratch) throws -> String {
        let text = try recorded.map {
            try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        return try s.write("audit.log", text)
    }

    /// `gzip -c FILE > FILE.gz`-style copy under a name without `.gz` (rotation tools vary).
    static func gzip(_ path: String, to target: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        try data.write(to: URL(fileURLWithPath: target))
    }

    @Test("JSON report over a plain and a gzip'd log (the same requests deduplicated by audit ID)")
    func jsonPlainAndGzip() throws {
        let s = try Scratch()
        let plain = try Self.log(in: s)
        let rotated = s.path("audit-2018-10-26T14-00-00.000.log.1")
        try Self.gzip(plain, to: rotated)
        let run = try CLIRunner.run(["admission", "replay", "--format", "json", plain, rotated])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(run.json, "stdout: \(run.stdout)")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["lines"] as? Int == 10)
        #expect(totals["replayed"] as? Int == 4)
        #expect(totals["duplicateStages"] as? Int == 5)
        #expect(totals["malformedLines"] as? Int == 0)
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["gzip"] as? Bool } == [false, true])
        let skipped = try #require(json["skipped"] as? [[String: Any]])
        #expect(skipped.first?["reason"] as? String == "no-object")
    }

    @Test("table output on stdin; notes on stderr")
    func tableFromStdin() throws {
        let s = try Scratch()
        let text = try String(contentsOfFile: try Self.log(in: s), encoding: .utf8)
        let metadata =
            #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"m1","#
            + #""stage":"ResponseComplete","requestURI":"/api/v1/namespaces/a/pods","verb":"create","#
            + #""user":{"username":"u"},"objectRef":{"resource":"pods","namespace":"a","apiVersion":"v1"},"#
            + #""responseStatus":{"metadata":{},"code":201}}"# + "\n"
        let run = try CLIRunner.run(["admission", "replay", "-"], stdin: text + metadata)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Replayed 4 of 6 create/update/patch requests against the default policy"))
        #expect(run.stdout.contains("Not replayed"))
        #expect(
            run.stderrLines.contains {
                $0.hasPrefix("note: 1 create/update/patch request was logged at Metadata level")
            })
    }

    @Test("bad lines are counted, not fatal; an unreadable or corrupt log exits 2 with one line")
    func badInput() throws {
        let s = try Scratch()
        let good = try String(
            contentsOf: Self.fixtures.appendingPathComponent("create_deployment.json"), encoding: .utf8)
        let noisy = try s.write("noisy.log", "garbage\n\u{1}\u{2}\u{3}\n" + good + String(good.prefix(100)))
        let run = try CLIRunner.run(["admission", "replay", "--format", "json", noisy])
        #expect(run.status == 0, "\(run.stderr)")
        let totals = try #require(run.json?["totals"] as? [String: Any])
        #expect(totals["malformedLines"] as? Int == 3)
        #expect(totals["replayed"] as? Int == 1)

        let empty = try s.write("empty.log", "")
        let emptyRun = try CLIRunner.run(["admission", "replay", empty])
        #expect(emptyRun.status == 0)
        #expect(emptyRun.stderr.contains("no create/update/patch requests found"))

        try Data([0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x03, 0x01, 0x02, 0x03]).write(
            to: URL(fileURLWithPath: s.path("corrupt.gz")))
        for bad in [s.path("corrupt.gz"), s.path("missing.log")] {
            let r = try CLIRunner.run(["admission", "replay", bad])
            #expect(r.status == 2, "\(bad): \(r.stdout)")
            #expect(r.stderrLines.count == 1, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("palisade: error: \(bad): "))
        }
        let noPolicy = try CLIRunner.run(["admission", "replay", "--policy", s.path("nope.yaml"), empty])
        #expect(noPolicy.status == 2)
        let noArgs = try CLIRunner.run(["admission", "replay"])
        #expect(noArgs.status == 2)
    }

    @Test("a policy that would deny: table names the rule and the request; --exit-code N fails the run")
    func exitCode() throws {
        let s = try Scratch()
        let log = try Self.log(in: s)
        let policy = try s.write(
            "policy.yaml",
            """
            apiVersion: palisade.dev/v1
            kind: AdmissionPolicy
            podSecurity:
              enforce: baseline
              warn: restricted
              audit: restricted
            rules:
              - ids: [K8S-PSS-SECCOMP-RESTRICTED]
                action: warn
                mutate: true

            """)
        let run = try CLIRunner.run(["admission", "replay", "--policy", policy, log])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("enforce would have denied 2 requests"), "\(run.stdout)")
        #expect(run.stdout.contains("K8S-PSS-PRIVILEGED (1)"))
        #expect(run.stdout.contains("audit ID a362d22b-db3c-4590-9505-23782f12925f at \(log):1"))
        #expect(run.stdout.contains("Would be mutated"))
        let failing = try CLIRunner.run(["admission", "replay", "--policy", policy, "--exit-code", "3", log])
        #expect(failing.status == 3)
        let bad = try s.write("bad.yaml", "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nbogus: 1\n")
        let badRun = try CLIRunner.run(["admission", "replay", "--policy", bad, log])
        #expect(badRun.status == 2)
        #expect(badRun.stderr.hasPrefix("palisade: error: \(bad):"))
    }
}
