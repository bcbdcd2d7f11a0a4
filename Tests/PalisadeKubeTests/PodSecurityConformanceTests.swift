import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadeKube

/// Runs Kubernetes' own Pod Security admission conformance fixtures
/// (`Tests/Fixtures/pod-security/testdata/<level>/<version>/<pass|fail>/<check><N>.yaml`) through the
/// PSS rules. Files are enumerated, so refreshed fixtures are picked up without code changes.
@Suite("Pod Security conformance")
struct PodSecurityConformanceTests {
    static let testdata = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pod-security/testdata")

    struct Fixture {
        var path: String
        var level: PodSecurityLevel
        var version: PodSecurityVersion
        var shouldPass: Bool
        /// Upstream check name from the file stem (`capabilities_baseline` for `capabilities_baseline3.yaml`).
        var check: String
    }

    static func fixtures() throws -> [Fixture] {
        let fm = FileManager.default
        var out: [Fixture] = []
        for levelName in try fm.contentsOfDirectory(atPath: testdata.path).sorted() {
            guard let level = PodSecurityLevel(rawValue: levelName) else { continue }
            let levelDir = testdata.appendingPathComponent(levelName)
            for versionName in try fm.contentsOfDirectory(atPath: levelDir.path).sorted() {
                guard let version = PodSecurityVersion(versionName) else { continue }
                for outcome in ["pass", "fail"] {
                    let dir = levelDir.appendingPathComponent(versionName).appendingPathComponent(outcome)
                    guard let files = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
                    for file in files.sorted() where file.hasSuffix(".yaml") {
                        let stem = file.dropLast(5)
                        let check = String(stem.reversed().drop(while: \.isNumber).reversed())
                        out.append(
                            Fixture(
                                path: dir.appendingPathComponent(file).path, level: level, version: version,
                                shouldPass: outcome == "pass", check: check))
                    }
                }
            }
        }
        return out
    }

    /// Rules that may fire for a failing fixture of each upstream check. Restricted rules leave what
    /// Baseline already forbids to the Baseline rule, so their fixtures may be caught by either.
    static let expectedRules: [String: Set<String>] = [
        "privileged": ["K8S-PSS-PRIVILEGED"],
        "hostnamespaces": ["K8S-PSS-HOST-NAMESPACES"],
        "windowshostprocess": ["K8S-PSS-HOST-PROCESS"],
        "capabilities_baseline": ["K8S-PSS-CAPABILITIES-BASELINE"],
        "hostpathvolumes": ["K8S-PSS-HOSTPATH-VOLUMES"],
        "hostports": ["K8S-PSS-HOST-PORTS"],
        "hostprobesandhostlifecycle": ["K8S-PSS-HOST-PROBES"],
        "apparmorprofile": ["K8S-PSS-APPARMOR"],
        "selinuxoptions": ["K8S-PSS-SELINUX"],
        "procmount": ["K8S-PSS-PROC-MOUNT"],
        "seccompprofile_baseline": ["K8S-PSS-SECCOMP-BASELINE"],
        "sysctls": ["K8S-PSS-SYSCTLS"],
        "restrictedvolumes": ["K8S-PSS-VOLUME-TYPES", "K8S-PSS-HOSTPATH-VOLUMES"],
        "allowprivilegeescalation": ["K8S-PSS-PRIVILEGE-ESCALATION"],
        "runasnonroot": ["K8S-PSS-RUN-AS-NON-ROOT"],
        "runasuser": ["K8S-PSS-RUN-AS-USER"],
        "seccompprofile_restricted": ["K8S-PSS-SECCOMP-RESTRICTED", "K8S-PSS-SECCOMP-BASELINE"],
        "capabilities_restricted": ["K8S-PSS-CAPABILITIES-RESTRICTED", "K8S-PSS-CAPABILITIES-BASELINE"],
        "procmount_restricted": ["K8S-PSS-PROC-MOUNT-RESTRICTED", "K8S-PSS-PROC-MOUNT"],
    ]

    static let levels: [String: PodSecurityLevel] = Dictionary(
        uniqueKeysWithValues: PodSecurityRules.all.compactMap { r in
            r.metadata.frameworks.pss.map { (r.metadata.id, $0.level) }
        })

    @Test("every upstream fixture agrees")
    func upstreamFixtures() throws {
        let fixtures = try Self.fixtures()
        #expect(fixtures.count > 3000, "fixtures missing under \(Self.testdata.path)")
        var scanners: [Int: KubeScanner] = [:]
        var disagreements: [String] = []
        var wrongRule: [String] = []
        var namedChecks = 0
        for f in fixtures {
            let scanner =
                scanners[f.version.minor]
                ?? KubeScanner(
                    options: KubeScanOptions(
                        context: RuleContext(podSecurityVersion: f.version),
                        selection: RuleSelection(include: ["K8S-PSS-*"]), parallelism: 1))
            scanners[f.version.minor] = scanner
            let data = try Data(contentsOf: URL(fileURLWithPath: f.path))
            let result = scanner.scan(buffer: SourceBuffer(name: f.path, copying: data))
            let relevant = result.findings.filter { (Self.levels[$0.ruleId] ?? .restricted) <= f.level }
            let posture = result.workloads.first?.podSecurityLevel
            let name = "\(f.level.rawValue)/\(f.version)/\(f.shouldPass ? "pass" : "fail")/\(f.check)"
            if f.shouldPass {
                if !relevant.isEmpty || posture.map({ $0 < f.level }) != false {
                    disagreements.append("\(name) (\(f.path)): \(relevant.map { "\($0.ruleId): \($0.message)" })")
                }
            } else {
                if relevant.isEmpty || posture.map({ $0 >= f.level }) != false {
                    disagreements.append("\(name) (\(f.path)): expected a violation, none found")
                } else if let expected = Self.expectedRules[f.check] {
                    namedChecks += 1
                    if !relevant.contains(where: { expected.contains($0.ruleId) }) {
                        wrongRule.append("\(name): fired \(Set(relevant.map(\.ruleId)).sorted())")
                    }
                }
            }
        }
        let agree = fixtures.count - disagreements.count
        print(
            "Pod Security conformance: \(agree) of \(fixtures.count) fixtures agree; "
                + "\(namedChecks - wrongRule.count) of \(namedChecks) failing fixtures caught by the rule of their check"
        )
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) disagreements:\n\(disagreements.prefix(40).joined(separator: "\n"))")
        #expect(
            wrongRule.isEmpty,
            "\(wrongRule.count) caught by another rule:\n\(wrongRule.prefix(40).joined(separator: "\n"))")
    }

    @Test("every fixture check name maps to a rule")
    func checkNamesKnown() throws {
        let checks = Set(try Self.fixtures().filter { !$0.shouldPass }.map(\.check))
        #expect(checks.subtracting(Self.expectedRules.keys).isEmpty)
        let ids = Set(PodSecurityRules.all.map(\.metadata.id))
        #expect(Set(Self.expectedRules.values.flatMap { $0 }).isSubset(of: ids))
    }
}
