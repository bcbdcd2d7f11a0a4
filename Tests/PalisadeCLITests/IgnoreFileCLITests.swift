import Foundation
import Testing

/// The ignore file as the CLI uses it: default location, explicit path, expiry, errors.
@Suite("palisade k8s --ignorefile")
struct IgnoreFileCLITests {
    static let args = ["--rule", "K8S-PSS-PRIVILEGED", "--exit-code", "1"]

    @Test("an ignore entry suppresses the matching finding")
    func suppresses() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        let ignore = try s.write(
            "ignore.yaml",
            """
            ignores:
              - rule: K8S-PSS-PRIV*
                object: {kind: Pod, namespace: prod, name: "w*"}
                reason: "node agent; reviewed in SEC-42"
                expires: 2999-12-31
            """)
        let run = try CLIRunner.run(["k8s", file, "--ignorefile", ignore, "--format", "json"] + Self.args)
        #expect(run.status == 0, "\(run.stderr)")
        #expect((run.json?["summary"] as? [String: Any])?["suppressed"] as? Int == 1)
    }

    @Test(".palisadeignore.yaml in the current directory is used by default")
    func defaultFile() throws {
        let s = try Scratch()
        try s.write("a.yaml", Manifests.pod(privileged: true))
        try s.write(".palisadeignore.yaml", "ignores:\n  - rule: K8S-PSS-PRIVILEGED\n    reason: accepted\n")
        #expect(try CLIRunner.run(["k8s", "a.yaml"] + Self.args, in: s.url).status == 0)
    }

    @Test("an entry that does not match leaves the finding")
    func noMatch() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        let ignore = try s.write(
            "ignore.yaml",
            "ignores:\n  - rule: K8S-PSS-PRIVILEGED\n    object: {namespace: staging}\n    reason: staging only\n")
        #expect(try CLIRunner.run(["k8s", file, "--ignorefile", ignore] + Self.args).status == 1)
    }

    @Test("an expired entry stops ignoring and a note says so")
    func expired() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: true))
        try s.write(
            ".palisadeignore.yaml",
            """
            ignores:
              - rule: K8S-PSS-PRIVILEGED
                reason: "temporary"
                expires: 2020-01-31
            """)
        let run = try CLIRunner.run(["k8s", file] + Self.args, in: s.url)
        #expect(run.status == 1)
        #expect(
            run.stderrLines.contains(
                "note: .palisadeignore.yaml:2: ignore for K8S-PSS-PRIVILEGED expired on 2020-01-31; "
                    + "its findings are reported again"), "\(run.stderr)")
    }

    @Test("an invalid ignore file is one FILE:LINE:COL line and exit 2")
    func invalid() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: false))
        let ignore = try s.write("ignore.yaml", "ignores:\n  - rule: K8S-PSS-PRIVILEGED\n    expires: 2027-01-31\n")
        let run = try CLIRunner.run(["k8s", file, "--ignorefile", ignore])
        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "\(ignore):2:5: ignore entry for K8S-PSS-PRIVILEGED has no 'reason'; say why the finding is accepted"
            ])
    }

    @Test("a missing explicit ignore file is an error")
    func missing() throws {
        let s = try Scratch()
        let file = try s.write("a.yaml", Manifests.pod(privileged: false))
        let run = try CLIRunner.run(["k8s", file, "--ignorefile", s.path("nope.yaml")])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix(s.path("nope.yaml") + ": cannot open"))
    }
}
