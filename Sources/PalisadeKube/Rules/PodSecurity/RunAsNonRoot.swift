import PalisadeCore
import PalisadeFormats

/// Restricted "Running as Non-root" (upstream check `runAsNonRoot`, v1.0+): `runAsNonRoot: true` at
/// pod level or on every container, never `false`. From v1.35 user-namespace pods are exempt.
struct RunAsNonRoot: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-RUN-AS-NON-ROOT", title: "Container may run as root", severity: .medium, level: .restricted,
        control: "Running as Non-root",
        why:
            "Without runAsNonRoot: true the kubelet starts images whose user is root; root in the container owns its files, and any kernel or runtime escape starts from uid 0 on the host.",
        remediation:
            "Set securityContext.runAsNonRoot: true at pod level (or on every container) and build the image with a non-root USER.",
        cis: ["5.2.7"], nsa: ["Pod security: non-root containers"], mitre: ["T1068", "T1611"],
        nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        if context.podSecurityVersion.atLeast(35), pod.pssUsesUserNamespace { return [] }
        var out: [Violation] = []
        var podValue: Bool?
        if let n = pod.podSecurityContext?["runAsNonRoot"], let v = n.bool {
            podValue = v
            if !v { out.append(Violation("pod sets securityContext.runAsNonRoot: false", at: n)) }
        }
        for c in pod.containers {
            if let n = c.securityContext?["runAsNonRoot"], let v = n.bool {
                if !v { out.append(Violation("\(c.label) sets securityContext.runAsNonRoot: false", at: n)) }
            } else if podValue == nil {
                // With a pod-level `false` the pod's violation already explains this container.
                out.append(
                    Violation(
                        "neither the pod nor \(c.label) sets securityContext.runAsNonRoot: true",
                        missing: "securityContext.runAsNonRoot", under: c.node))
            }
        }
        return out
    }
}
