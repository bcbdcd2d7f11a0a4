import PalisadeCore
import PalisadeFormats

/// Shared construction of Pod Security Standards rule metadata, so every PSS rule carries the
/// same category, framework shape and reference.
enum PodSecurityMetadata {
    static let category = "Pod Security Standards"
    static let standardsURL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    static let admissionURL = "https://github.com/kubernetes/pod-security-admission"

    static func make(
        id: String, title: String, severity: Severity, level: PodSecurityLevel, control: String, why: String,
        remediation: String, cis: [String] = [], nsa: [String] = [], mitre: [String] = [],
        nist: [NISTRiskArea] = [.orchestrator], references: [String] = []
    ) -> RuleMetadata {
        RuleMetadata(
            id: id, title: title, severity: severity, category: category, why: why, remediation: remediation,
            frameworks: FrameworkMappings(
                pss: PodSecurityMapping(level: level, control: control), cis: cis, nsa: nsa, mitre: mitre,
                nist: nist),
            references: [standardsURL] + references)
    }
}

/// Field access with Kubernetes' decoding semantics for the Pod Security checks: an explicit
/// `null` means unset, and a value of the wrong type is treated as unset (the schema rule reports it).
extension YAMLNode {
    /// The value of `key` when it is present and not `null`.
    func pssValue(_ key: String) -> YAMLNode? {
        guard let v = self[key], !v.isNull else { return nil }
        return v
    }

    /// The value of `key` when it is a mapping.
    func pssMapping(_ key: String) -> YAMLNode? {
        guard let v = self[key], v.isMapping else { return nil }
        return v
    }

    /// The string value of `key` when it is a scalar string-like value (`nil` when unset or not a scalar).
    func pssString(_ key: String) -> String? { self[key]?.string }
}

extension PodSpecView {
    /// `spec.hostUsers: false`: the pod runs in its own user namespace (KEP-127).
    var pssUsesUserNamespace: Bool { spec["hostUsers"]?.bool == false }

    /// The pod's annotations as written (no dictionary is built).
    var pssAnnotationPairs: [YAMLPair] { podMetadata?["annotations"]?.pairs ?? [] }

    /// Whether `pair` is the entry Kubernetes keeps for its key (the last one when a key is duplicated).
    func pssIsEffectiveAnnotation(_ pair: YAMLPair) -> Bool {
        podMetadata?["annotations"]?[pair.key]?.id == pair.value.id
    }
}
