import Foundation
import PalisadeCore
import PalisadeFormats
import PalisadeKube
import Testing

/// Manifest builders and a table row type for the Secret, ConfigMap and Namespace rule tests.
enum HygieneHarness {
    static let allRules = [
        "K8S-SECRET-LITERAL-DATA", "K8S-SECRET-TLS-PRIVATE-KEY", "K8S-SECRET-REGISTRY-CREDENTIALS",
        "K8S-SECRET-SA-TOKEN", "K8S-CONFIGMAP-CREDENTIAL", "K8S-NS-PSA-MISSING", "K8S-NS-PSA-PRIVILEGED",
        "K8S-NS-PSA-INVALID",
    ]

    static func scan(_ yaml: String, rules: [String]) -> [Finding] {
        let buffer = SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8))
        let options = KubeScanOptions(selection: RuleSelection(include: rules), parallelism: 1)
        return KubeScanner(options: options).scan(buffer: buffer).findings
    }

    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// A Secret; `data` values are given in clear and base64-encoded here, `stringData` values are written as is.
    static func secret(
        _ name: String = "s", type: String? = nil, data: [(String, String)] = [],
        stringData: [(String, String)] = [], extra: String = ""
    ) -> String {
        var y = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(name)\n" + extra
        if let type { y += "type: \(type)\n" }
        if !data.isEmpty {
            y += "data:\n" + data.map { "  \($0.0): \"\(b64($0.1))\"\n" }.joined()
        }
        if !stringData.isEmpty {
            y += "stringData:\n" + stringData.map { "  \($0.0): \(yamlString($0.1))\n" }.joined()
        }
        return y
    }

    /// A ConfigMap with the given `data` entries (values quoted as YAML strings).
    static func configMap(_ data: [(String, String)], name: String = "cfg") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\ndata:\n"
            + data.map { "  \($0.0): \(yamlString($0.1))\n" }.joined()
    }

    /// A Namespace with the given labels (`nil`: no labels mapping at all).
    static func namespace(_ name: String = "team-a", labels: [(String, String)]? = nil) -> String {
        var y = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n"
        if let labels {
            y += "  labels:\n" + labels.map { "    \($0.0): \($0.1)\n" }.joined()
        }
        return y
    }

    /// A double-quoted YAML scalar (escapes quotes, backslashes and newlines).
    static func yamlString(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}

/// One table row: a manifest, the rule run on it, how many findings it must produce, and the values that must
/// never appear in a message.
struct HygieneCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var note: String
    var yaml: String
    var expected: Int
    var secrets: [String] = []

    var testDescription: String { "\(rule) \(expected > 0 ? "fires" : "silent"): \(note)" }

    func run() {
        let findings = HygieneHarness.scan(yaml, rules: [rule])
        #expect(findings.count == expected, "\(note): \(findings.map(\.message))\n\(yaml)")
        for f in findings {
            #expect(f.ruleId == rule)
            for s in secrets {
                #expect(!f.message.contains(s), "message leaks a value: \(f.message)")
                #expect(!f.message.contains(HygieneHarness.b64(s)), "message leaks an encoded value: \(f.message)")
            }
        }
    }
}

func hygieneFires(_ rule: String, _ note: String, _ yaml: String, count: Int = 1, secrets: [String] = [])
    -> HygieneCase
{
    HygieneCase(rule: rule, note: note, yaml: yaml, expected: count, secrets: secrets)
}

func hygieneSilent(_ rule: String, _ note: String, _ yaml: String) -> HygieneCase {
    HygieneCase(rule: rule, note: note, yaml: yaml, expected: 0)
}
