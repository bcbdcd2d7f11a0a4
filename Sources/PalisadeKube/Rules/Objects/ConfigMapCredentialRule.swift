import PalisadeCore
import PalisadeFormats

/// A ConfigMap `data` key that holds a credential: its name says so (`DB_PASSWORD`, `api-token`) and its value
/// is real, or its value has the shape of one (PEM private key, AWS key id, GitHub/Slack token, URL with a
/// password). Uses the same name and value recognisers as the environment-variable rules. A name alone only
/// counts for a one-line value: a multi-line value under a key such as `credentials` is a configuration file
/// (often naming where credentials live), reported only when its content has a credential's shape.
struct ConfigMapCredential: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-CONFIGMAP-CREDENTIAL", title: "ConfigMap holds a credential", severity: .high,
        category: ObjectHygieneReferences.secretsCategory,
        why: "ConfigMaps are meant for non-confidential data: they are never encrypted at rest, are readable by "
            + "far more roles than Secrets (the built-in view role included), are printed by `kubectl describe` "
            + "and are committed to Git with the rest of the configuration. A password, token or private key "
            + "there is exposed to everyone who can read the namespace or the repository.",
        remediation: "Move the value into a Secret sourced from an external secret store (or an encrypted "
            + "Sealed Secret / SOPS file), mount it as a file or reference it with secretKeyRef, and rotate the "
            + "exposed credential. Keys whose name ends in _FILE or _PATH and point at a file are fine.",
        frameworks: ObjectHygieneReferences.literalCredentialFrameworks,
        references: [ObjectHygieneReferences.configMaps, ObjectHygieneReferences.secretsGoodPractices])

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isConfigMap(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let pairs = object.root["data"]?.pairs else { return [] }
        var out: [Violation] = []
        for p in pairs {
            guard let value = p.value.string, LiteralBytes.isRealPlain(value) else { continue }
            let what: String
            if Self.isSingleLine(value) && EnvSecret.isNamedLiteralSecret(name: p.key, value: value) {
                what = "a literal credential"
            } else if let kind = CredentialValue.kind(of: value) {
                what = "what looks like \(kind)"
            } else {
                continue
            }
            out.append(
                Violation(
                    "ConfigMap \"\(object.name)\" key \(p.key) holds \(what) (redacted, \(value.count) characters)",
                    at: p.value))
        }
        return out
    }

    /// True when the value has no line break before its last non-blank character (`|` blocks end in one).
    static func isSingleLine(_ value: String) -> Bool {
        var sawBreak = false
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): sawBreak = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: if sawBreak { return false }
            }
        }
        return true
    }
}
