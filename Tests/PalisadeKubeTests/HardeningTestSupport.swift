import PalisadeCore
import PalisadeFormats
import PalisadeKube
import Testing

/// Builds small manifests and scans them with selected rules (hardening and schema tests).
enum HardeningHarness {
    static func scan(_ yaml: String, rules: [String], allowedRegistries: [String] = []) -> [Finding] {
        let buffer = SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8))
        let options = KubeScanOptions(
            context: RuleContext(allowedRegistries: allowedRegistries), selection: RuleSelection(include: rules),
            parallelism: 1)
        return KubeScanner(options: options).scan(buffer: buffer).findings
    }

    static func indent(_ text: String, _ spaces: Int) -> String {
        guard !text.isEmpty else { return "" }
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
            + "\n"
    }

    /// A Pod with one container `app`; `container` lines go under the container, `spec` lines under the pod spec.
    static func pod(
        _ container: String = "", spec: String = "", image: String = "ghcr.io/acme/app:1.0", kind: String = "Pod",
        metadata: String = ""
    ) -> String {
        let podSpec = indent(spec, 0) + "containers:\n- name: app\n  image: \(image)\n" + indent(container, 2)
        switch kind {
        case "Pod":
            return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n" + indent(metadata, 2) + "spec:\n"
                + indent(podSpec.trimmingSuffixNewline, 2)
        case "CronJob":
            return "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: p\n" + indent(metadata, 2)
                + "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
                + indent(podSpec.trimmingSuffixNewline, 10)
        default:
            let group = kind == "Job" ? "batch/v1" : "apps/v1"
            return "apiVersion: \(group)\nkind: \(kind)\nmetadata:\n  name: p\n" + indent(metadata, 2)
                + "spec:\n  template:\n    spec:\n" + indent(podSpec.trimmingSuffixNewline, 6)
        }
    }
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}

/// One table row: a manifest, the rule run on it, and how many findings it must produce.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var note: String
    var yaml: String
    var expected: Int
    var allowedRegistries: [String] = []

    var testDescription: String { "\(rule) \(expected > 0 ? "fires" : "silent"): \(note)" }

    func run() {
        let findings = HardeningHarness.scan(yaml, rules: [rule], allowedRegistries: allowedRegistries)
        #expect(findings.count == expected, "\(note): \(findings.map(\.message))\n\(yaml)")
        for f in findings { #expect(f.ruleId == rule) }
    }
}

func fires(_ rule: String, _ note: String, _ yaml: String, count: Int = 1, registries: [String] = []) -> RuleCase {
    RuleCase(rule: rule, note: note, yaml: yaml, expected: count, allowedRegistries: registries)
}

func silent(_ rule: String, _ note: String, _ yaml: String, registries: [String] = []) -> RuleCase {
    RuleCase(rule: rule, note: note, yaml: yaml, expected: 0, allowedRegistries: registries)
}
