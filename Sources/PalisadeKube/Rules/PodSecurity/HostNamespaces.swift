import PalisadeCore
import PalisadeFormats

/// Baseline "Host Namespaces" (upstream check `hostNamespaces`, v1.0+).
struct HostNamespaces: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-HOST-NAMESPACES", title: "Pod shares a host namespace", severity: .high, level: .baseline,
        control: "Host Namespaces",
        why:
            "hostPID lets the pod see and signal every process on the node (and read their environments); hostIPC exposes host shared memory; hostNetwork puts the pod on the node's network stack, reaching node-local services and bypassing NetworkPolicy.",
        remediation: "Remove spec.hostNetwork, spec.hostPID and spec.hostIPC or set them to false.",
        cis: ["5.2.3", "5.2.4", "5.2.5"], nsa: ["Pod security: host namespaces"], mitre: ["T1611"],
        nist: [.orchestrator, .host])

    static let fields = ["hostNetwork", "hostPID", "hostIPC"]

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for key in Self.fields {
            if let n = pod.spec[key], n.bool == true {
                out.append(Violation("pod sets spec.\(key): true", at: n))
            }
        }
        return out
    }
}
