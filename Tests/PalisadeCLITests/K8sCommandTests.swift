import Foundation
import Testing

/// `palisade k8s` end to end: exit codes, filters, inputs, errors.
@Suite("palisade k8s")
struct K8sCommandTests {
    static let privileged = ["--rule", "K8S-PSS-PRIVILEGED"]

    @Test("exit code is 0 for findings unless --exit-code is set")
    func exitCodes() throws {
        let s = try Scratch()
        let bad = try s.write("bad.yaml", Manifests.pod(privileged: true))
        let good = try s.write("good.yaml", Manifests.pod(privileged: false))

        #expect(try CLIRunner.run(["k8s", bad] + Self.privileged).status == 0)
        #expect(try CLIRunner.run(["k8s", bad, "--exit-code", "1"] + Self.privileged).status == 1)
        #expect(try CLIRunner.run(["k8s", bad, "--exit-code", "7"] + Self.privileged).status == 7)
        #expect(try CLIRunner.run(["k8s", good, "--exit-code", "1"] + Self.privileged).status == 0)
    }

    @Test(
        "--severity keeps only the listed severities",
        arguments: [
            (["--severity", "LOW"], 0),
            (["--severity", "critical"], 1),
            (["--severity", "LOW,CRITICAL"], 1),
            (["--severity", "LOW", "--severity", "CRITICAL"], 1),
            (["--severity", "MEDIUM,HIGH"], 0),
        ] as [([String], Int32)])
    func severityFilter(args: [String], expected: Int32) throws {
        let s = try Scratch()
        let bad = try s.write("bad.yaml", Manifests.pod(privileged: true))
        let run = try CLIRunner.run(["k8s", bad, "--exit-code", "1", "--format", "json"] + Self.privileged + args)
        #expect(run.status == expected, "\(run.stderr)")
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        #expect(findings.count == Int(expected))
    }

    @Test("--rule and --skip-rule select rules, with comma lists and * globs")
    func ruleSelection() throws {
        let s = try Scratch()
        let bad = try s.write("bad.yaml", Manifests.pod(privileged: true))

        let pss = try CLIRunner.run(["k8s", bad, "--format", "json", "--rule", "K8S-PSS-*"])
        let ids = try #require(pss.json?["findings"] as? [[String: Any]]).compactMap { $0["ruleId"] as? String }
        #expect(ids.contains("K8S-PSS-PRIVILEGED"))
        #expect(ids.allSatisfy { $0.hasPrefix("K8S-PSS-") })

        let skipped = try CLIRunner.run(
            [
                "k8s", bad, "--exit-code", "1", "--rule", "K8S-PSS-PRIVILEGED,K8S-PSS-HOST-NAMESPACES",
                "--skip-rule", "k8s-pss-priv*",
            ])
        #expect(skipped.status == 0, "\(skipped.stdout)")

        let unknown = try CLIRunner.run(["k8s", bad, "--rule", "K8S-PSS-PRIVILEGD"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'K8S-PSS-PRIVILEGED'?"))
    }

    @Test("- reads standard input")
    func standardInput() throws {
        let run = try CLIRunner.run(
            ["k8s", "-", "--exit-code", "1", "--format", "json"] + Self.privileged,
            stdin: Manifests.pod(privileged: true))
        #expect(run.status == 1, "\(run.stderr)")
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        let location = try #require(findings.first?["location"] as? [String: Any])
        #expect(location["file"] as? String == "-")
        #expect(location["line"] as? Int == 11)
    }

    @Test("a directory is searched recursively for .yaml, .yml and .json files")
    func directory() throws {
        let s = try Scratch()
        try s.write("m/a.yaml", Manifests.pod(name: "a", privileged: true))
        try s.write("m/nested/b.yml", Manifests.pod(name: "b", privileged: true))
        try s.write(
            "m/nested/c.json",
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"},"spec":{"containers":[{"name":"x","image":"x","securityContext":{"privileged":true}}]}}"#
        )
        try s.write("m/readme.txt", "not a manifest")
        let run = try CLIRunner.run(["k8s", s.path("m"), "--format", "json"] + Self.privileged)
        #expect(run.status == 0, "\(run.stderr)")
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        let names = findings.compactMap { ($0["object"] as? [String: Any])?["name"] as? String }.sorted()
        #expect(names == ["a", "b", "c"])
    }

    @Test("an unparsable file is one FILE:LINE:COL line, the others are still reported, and the exit code is 2")
    func inputErrors() throws {
        let s = try Scratch()
        let good = try s.write("good.yaml", Manifests.pod(privileged: true))
        let broken = try s.write("broken.yaml", Manifests.broken)
        let missing = s.path("missing.yaml")
        let run = try CLIRunner.run(
            ["k8s", good, broken, missing, "--exit-code", "1", "--format", "json"] + Self.privileged)
        #expect(run.status == 2)
        let brokenLines = run.stderrLines.filter { $0.hasPrefix(broken) }
        #expect(brokenLines.count == 1)
        let parts = try #require(brokenLines.first).dropFirst(broken.count).split(separator: ":", maxSplits: 3)
        #expect(parts.count == 3)
        #expect(Int(parts[0]) != nil && Int(parts[1]) != nil, "expected FILE:LINE:COL: reason, got \(run.stderr)")
        #expect(run.stderrLines.contains("\(missing): no such file or directory"))
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
    }

    @Test("binary garbage does not crash the scanner")
    func garbageInput() throws {
        let s = try Scratch()
        let path = s.path("garbage.yaml")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: URL(fileURLWithPath: path))
        let run = try CLIRunner.run(["k8s", path])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix(path + ":"))
    }

    @Test("documents that are not Kubernetes objects give a note on stderr, not on stdout")
    func notes() throws {
        let s = try Scratch()
        let file = try s.write("mixed.yaml", "just: data\n---\n" + Manifests.pod(privileged: false))
        let run = try CLIRunner.run(["k8s", file] + Self.privileged)
        #expect(run.status == 0)
        #expect(run.stderrLines.contains { $0.hasPrefix("note: \(file): skipped 1 document") })
        #expect(!run.stdout.contains("skipped"))
    }

    @Test("the palisade.dev/ignore annotation suppresses findings and counts them")
    func annotation() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true, annotations: "K8S-PSS-PRIVILEGED"))
        let run = try CLIRunner.run(["k8s", file, "--exit-code", "1", "--format", "json"] + Self.privileged)
        #expect(run.status == 0, "\(run.stdout)")
        let summary = try #require(run.json?["summary"] as? [String: Any])
        #expect(summary["suppressed"] as? Int == 1)
    }

    @Test("--format json is JSON with the documented top-level keys")
    func jsonFormat() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        let run = try CLIRunner.run(["k8s", file, "--format", "json"])
        let json = try #require(run.json, "stdout is not a JSON object: \(run.stdout.prefix(200))")
        for key in [
            "schemaVersion", "tool", "command", "targets", "summary", "findings", "workloads", "errors", "notes",
        ] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        #expect(json["command"] as? String == "k8s")
    }

    @Test("every format renders without error", arguments: ["table", "json", "sarif", "junit", "markdown"])
    func formats(format: String) throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        let run = try CLIRunner.run(["k8s", file, "--format", format, "--no-color"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test("--output writes the whole report atomically and nothing to stdout")
    func outputFile() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        let out = s.path("report.json")
        try s.write("report.json", "old contents")
        let run = try CLIRunner.run(["k8s", file, "--format", "json", "--output", out] + Self.privileged)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((json["findings"] as? [Any])?.count == 1)
        // No temporary file is left behind.
        #expect(s.entries == ["a.yaml", "report.json"])
    }

    @Test("--output to an unwritable place is one error line and exit 2")
    func outputUnwritable() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: false))
        let run = try CLIRunner.run(["k8s", file, "--output", s.path("no/such/dir/report.txt")])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("cannot write output"))
    }

    @Test(
        "usage errors exit 2 with one error line and a hint",
        arguments: [
            ["k8s"],
            ["k8s", "x.yaml", "--pss-version", "v2.0"],
            ["k8s", "x.yaml", "--format", "xml"],
            ["k8s", "x.yaml", "--severity", "SEVERE"],
            ["k8s", "x.yaml", "--exit-code", "300"],
            ["k8s", "x.yaml", "--no-such-flag"],
            ["nonsense"],
        ])
    func usageErrors(args: [String]) throws {
        let run = try CLIRunner.run(args)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderrLines.count == 2, "\(run.stderr)")
        #expect(run.stderrLines.first?.hasPrefix("palisade: error: ") == true)
        #expect(run.stderrLines.last?.hasPrefix("hint: ") == true)
        #expect(run.stdout.isEmpty)
    }

    @Test("--pss-version accepts v1.x and latest", arguments: ["v1.0", "v1.25", "1.37", "latest"])
    func pssVersion(version: String) throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: false))
        #expect(try CLIRunner.run(["k8s", file, "--pss-version", version]).status == 0)
    }
}
