import Foundation
import Testing

/// `palisade admission manifests` end to end, and its acceptance test: the install manifests pass
/// `palisade k8s` at Pod Security `restricted` without HIGH or CRITICAL findings.
@Suite("palisade admission manifests")
struct AdmissionManifestsCLITests {
    /// Scans `yaml` with `palisade k8s` (restricted = the latest Pod Security Standards) as JSON.
    static func scan(_ yaml: String) throws -> (findings: [ReportedFinding], workloads: [[String: Any]]) {
        let run = try CLIRunner.run(["k8s", "--pss-version", "latest", "--format", "json", "-"], stdin: yaml)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let json = try jsonObject(run)
        return (try ReportedFinding.all(in: run), json["workloads"] as? [[String: Any]] ?? [])
    }

    static func isSevere(_ finding: ReportedFinding) -> Bool {
        finding.severity == "HIGH" || finding.severity == "CRITICAL"
    }

    @Test("cert-manager mode: no HIGH or CRITICAL finding, and the Deployment is restricted")
    func certManagerPassesK8sScan() throws {
        let run = try CLIRunner.run(["admission", "manifests", "--namespace", "palisade", "--cert-manager"])
        #expect(run.status == 0, "\(run.stderr)")
        let (findings, workloads) = try Self.scan(run.stdout)
        #expect(findings.filter(Self.isSevere).isEmpty, "\(findings.filter(Self.isSevere))")
        #expect(workloads.count == 1)
        for workload in workloads {
            #expect(workload["podSecurityLevel"] as? String == "restricted", "\(workload)")
        }
    }

    @Test("generated mode: the Deployment is restricted; the only HIGH finding is the Secret's private key")
    func generatedPassesK8sScan() throws {
        let run = try CLIRunner.run([
            "admission", "manifests", "--namespace", "palisade", "--failure-policy", "Fail", "--replicas", "3",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("caBundle: "))
        let (findings, workloads) = try Self.scan(run.stdout)
        let severe = findings.filter(Self.isSevere)
        // The rule is right: this output holds the serving key and must not be committed.
        #expect(severe.map(\.ruleId) == ["K8S-SECRET-TLS-PRIVATE-KEY"], "\(severe)")
        #expect(workloads.count == 1)
        #expect(workloads.allSatisfy { $0["podSecurityLevel"] as? String == "restricted" }, "\(workloads)")
    }

    @Test("generated mode with --secret-out: stdout has no HIGH finding; the key is in a 0600 file")
    func generatedWithSecretOutPassesK8sScan() throws {
        let s = try Scratch()
        let secretPath = s.path("tls-secret.yaml")
        let run = try CLIRunner.run(["admission", "manifests", "--namespace", "palisade", "--secret-out", secretPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("PRIVATE KEY") && !run.stdout.contains("tls.key:"))
        #expect(run.stdout.contains("caBundle: "))
        let (findings, workloads) = try Self.scan(run.stdout)
        #expect(findings.filter(Self.isSevere).isEmpty, "\(findings.filter(Self.isSevere))")
        #expect(workloads.count == 1)
        #expect(workloads.allSatisfy { $0["podSecurityLevel"] as? String == "restricted" }, "\(workloads)")

        let attributes = try FileManager.default.attributesOfItem(atPath: secretPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let secret = try String(contentsOfFile: secretPath, encoding: .utf8)
        #expect(secret.contains("kind: Secret\n") && secret.contains("  tls.key: "))
        let secretScan = try Self.scan(secret)
        #expect(secretScan.findings.filter(Self.isSevere).map(\.ruleId) == ["K8S-SECRET-TLS-PRIVATE-KEY"])
    }

    @Test("--secret-out with --cert-manager is a usage error")
    func secretOutNeedsGeneratedMode() throws {
        let run = try CLIRunner.run(["admission", "manifests", "--cert-manager", "--secret-out", "/tmp/x.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.first?.contains("--secret-out") == true, "\(run.stderr)")
    }

    @Test("--policy embeds the file; options show up in the output")
    func options() throws {
        let s = try Scratch()
        let policy = try s.write(
            "policy.yaml", "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nfailurePolicy: Fail\n")
        let run = try CLIRunner.run([
            "admission", "manifests", "--namespace", "guard", "--name", "gate", "--policy", policy,
            "--timeout-seconds", "10", "--failure-policy", "fail", "--image",
            "registry.example.com/palisade@sha256:" + String(repeating: "0", count: 64), "--validity-days", "30",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  policy.yaml: |\n    apiVersion: palisade.dev/v1\n    kind: AdmissionPolicy\n"))
        #expect(run.stdout.contains("timeoutSeconds: 10\n"))
        #expect(run.stdout.contains("failurePolicy: Fail\n"))
        #expect(run.stdout.contains("name: gate\n"))
        #expect(run.stdout.contains("- guard\n"))
        #expect(run.stdout.contains("image: registry.example.com/palisade@sha256:"))
    }

    @Test(
        "bad input: one error line, exit 2",
        arguments: [
            (["--failure-policy", "Sometimes"], "--failure-policy"),
            (["--timeout-seconds", "60"], "--timeout-seconds"),
            (["--replicas", "0"], "--replicas"),
            (["--namespace", "Not_Valid"], "--namespace"),
            (["--name", "UPPER"], "--name"),
            (["--image", "bad image"], "--image"),
            (["--validity-days", "0"], "--validity-days"),
            (["--policy", "/nonexistent/palisade/policy.yaml"], "/nonexistent/palisade/policy.yaml"),
        ] as [([String], String)])
    func badInput(args: [String], mentioned: String) throws {
        let run = try CLIRunner.run(["admission", "manifests"] + args)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let first = try #require(run.stderrLines.first)
        #expect(first.hasPrefix("palisade: error: "), "\(run.stderr)")
        #expect(first.contains(mentioned), "\(run.stderr)")
    }
}
