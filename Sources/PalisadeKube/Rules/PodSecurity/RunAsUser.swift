import PalisadeCore
import PalisadeFormats

/// Restricted "Running as Non-root user" (upstream check `runAsUser`, v1.23+): `runAsUser: 0` is
/// forbidden on the pod and every container. From v1.35 user-namespace pods are exempt.
struct RunAsUser: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-RUN-AS-USER", title: "Container runs as uid 0", severity: .medium, level: .restricted,
        control: "Running as Non-root user",
        why:
            "runAsUser: 0 runs the process as root whatever the image says; root in the container owns its files and turns any runtime or kernel escape into root on the node.",
        remediation: "Set runAsUser to a non-zero uid (or remove it and use a non-root image USER).",
        cis: ["5.2.7"], nsa: ["Pod security: non-root containers"], mitre: ["T1068", "T1611"],
        nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        let version = context.podSecurityVersion
        guard version.atLeast(23) else { return [] }
        if version.atLeast(35), pod.pssUsesUserNamespace { return [] }
        var out: [Violation] = []
        if let n = pod.podSecurityContext?["runAsUser"], n.int == 0 {
            out.append(Violation("pod sets securityContext.runAsUser: 0", at: n))
        }
        for c in pod.containers {
            if let n = c.securityContext?["runAsUser"], n.int == 0 {
                out.append(Violation("\(c.label) sets securityContext.runAsUser: 0", at: n))
            }
        }
        return out
    }
}
