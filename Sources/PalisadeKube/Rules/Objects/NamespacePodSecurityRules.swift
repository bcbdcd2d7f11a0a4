import PalisadeCore
import PalisadeFormats

/// The Pod Security admission labels of a Namespace manifest.
enum PodSecurityLabels {
    static let prefix = "pod-security.kubernetes.io/"
    static let enforce = "pod-security.kubernetes.io/enforce"
    static let modes = ["enforce", "audit", "warn"]
    static let levels: Set<String> = ["privileged", "baseline", "restricted"]

    /// Namespaces the control plane creates for itself; they run node-level components.
    static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    /// A label value as Pod Security admission reads it (`null` is the empty string).
    static func value(_ node: YAMLNode) -> String { node.string ?? "" }

    /// `latest` or `v1.N`, exactly as Pod Security admission parses `*-version` labels.
    static func isValidVersion(_ text: String) -> Bool {
        if text == "latest" { return true }
        let b = Array(text.utf8)
        guard b.count > 3, b[0] == UInt8(ascii: "v"), b[1] == UInt8(ascii: "1"), b[2] == UInt8(ascii: ".") else {
            return false
        }
        let digits = b[3...]
        if digits.count > 1 && digits.first == UInt8(ascii: "0") { return false }
        return digits.count <= 9 && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// A Namespace without a `pod-security.kubernetes.io/enforce` label. System namespaces (`kube-system`,
/// `kube-public`, `kube-node-lease`) are skipped.
struct NamespaceWithoutPodSecurity: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NS-PSA-MISSING", title: "Namespace does not enforce a Pod Security level", severity: .low,
        category: ObjectHygieneReferences.namespacesCategory,
        why: "Without the enforce label, Pod Security admission applies the cluster default, which is privileged "
            + "unless the API server was configured otherwise: anyone who can create a pod in the namespace can "
            + "run it privileged, with host namespaces or hostPath mounts, and take over the node. The system "
            + "namespaces kube-system, kube-public and kube-node-lease are not reported.",
        remediation: "Label the namespace with the strictest level its workloads pass, restricted or at least "
            + "baseline, and pin the policy version: metadata.labels pod-security.kubernetes.io/enforce: "
            + "restricted and pod-security.kubernetes.io/enforce-version: latest (or v1.N). Try the level first "
            + "with the warn and audit labels, or `kubectl label --dry-run=server`, to see which pods it rejects.",
        frameworks: ObjectHygieneReferences.podSecurityFrameworks,
        references: [
            ObjectHygieneReferences.podSecurityAdmission, ObjectHygieneReferences.namespaceLabels,
            ObjectHygieneReferences.podSecurityStandards,
        ])

    func applies(to object: KubeObject) -> Bool {
        ObjectHygieneReferences.isNamespace(object) && !PodSecurityLabels.systemNamespaces.contains(object.name)
    }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        let metadata = object.root["metadata"]
        let labels = metadata?["labels"]
        if labels?[PodSecurityLabels.enforce] != nil { return [] }
        var message = "Namespace \"\(object.name)\" has no \(PodSecurityLabels.enforce) label"
        if let pairs = labels?.pairs, pairs.contains(where: { $0.key.hasPrefix(PodSecurityLabels.prefix) }) {
            message += " (it only warns or audits)"
        }
        let missing = "[\(PodSecurityLabels.enforce)]"
        if let labels, labels.isMapping { return [Violation(message, missing: missing, under: labels)] }
        if let metadata, metadata.isMapping {
            return [Violation(message, missing: "labels" + missing, under: metadata)]
        }
        return [Violation(message, missing: "metadata.labels" + missing, under: object.root)]
    }
}

/// A Namespace that explicitly enforces the `privileged` Pod Security level.
struct NamespacePrivilegedPodSecurity: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NS-PSA-PRIVILEGED", title: "Namespace enforces the privileged Pod Security level",
        severity: .medium, category: ObjectHygieneReferences.namespacesCategory,
        why: "The privileged level admits every pod: privileged containers, host network/PID/IPC, hostPath "
            + "mounts of / or the container runtime socket. Anyone who can create a pod, or compromises a "
            + "controller that can, gets root on a node and from there the cluster.",
        remediation: "Set pod-security.kubernetes.io/enforce to restricted (or baseline) and move the few "
            + "workloads that really need host access (CNI, storage and monitoring agents) into a dedicated, "
            + "tightly controlled namespace.",
        frameworks: ObjectHygieneReferences.podSecurityFrameworks,
        references: [ObjectHygieneReferences.podSecurityAdmission, ObjectHygieneReferences.podSecurityStandards])

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isNamespace(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let node = object.root["metadata"]?["labels"]?[PodSecurityLabels.enforce],
            PodSecurityLabels.value(node) == "privileged"
        else { return [] }
        return [Violation("Namespace \"\(object.name)\" sets \(PodSecurityLabels.enforce): privileged", at: node)]
    }
}

/// A Namespace with a Pod Security label whose level or version Pod Security admission does not accept.
struct NamespaceInvalidPodSecurity: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NS-PSA-INVALID", title: "Namespace has an invalid Pod Security label", severity: .medium,
        category: ObjectHygieneReferences.namespacesCategory,
        why: "Pod Security admission rejects creating a Namespace whose enforce, audit or warn label is not "
            + "privileged, baseline or restricted (case matters), or whose version label is not latest or v1.N, "
            + "so the manifest fails to apply and the policy its author meant (often a typo such as Restricted "
            + "or v1.30.0) is not in place. Where such a label already exists, enforce falls back to restricted "
            + "and audit silently to privileged, so the namespace behaves differently from what it says.",
        remediation: "Use one of the exact values privileged, baseline or restricted for "
            + "pod-security.kubernetes.io/enforce, audit and warn, and latest or v1.N (e.g. v1.30) for the "
            + "matching -version labels.",
        frameworks: ObjectHygieneReferences.podSecurityFrameworks,
        references: [ObjectHygieneReferences.podSecurityAdmission, ObjectHygieneReferences.namespaceLabels])

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isNamespace(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let pairs = object.root["metadata"]?["labels"]?.pairs else { return [] }
        var out: [Violation] = []
        for p in pairs where p.key.hasPrefix(PodSecurityLabels.prefix) {
            let value = PodSecurityLabels.value(p.value)
            let suffix = p.key.dropFirst(PodSecurityLabels.prefix.count)
            if PodSecurityLabels.modes.contains(where: { suffix == $0 }) {
                guard !PodSecurityLabels.levels.contains(value) else { continue }
                out.append(
                    Violation(
                        "Namespace \"\(object.name)\" sets \(p.key) to \"\(value)\", not a Pod Security level "
                            + "(privileged, baseline or restricted)", at: p.value))
            } else if PodSecurityLabels.modes.contains(where: { suffix == $0 + "-version" }) {
                guard !PodSecurityLabels.isValidVersion(value) else { continue }
                out.append(
                    Violation(
                        "Namespace \"\(object.name)\" sets \(p.key) to \"\(value)\", not a Pod Security version "
                            + "(latest or v1.N)", at: p.value))
            }
        }
        return out
    }
}
