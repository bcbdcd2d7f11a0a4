import PalisadeCore
import PalisadeFormats

/// Baseline "Privileged Containers" (upstream check `privileged`, v1.0+).
struct PrivilegedContainers: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-PRIVILEGED", title: "Container runs privileged", severity: .critical, level: .baseline,
        control: "Privileged Containers",
        why:
            "A privileged container gets every capability and all host devices and bypasses seccomp, AppArmor and SELinux confinement; mounting the host disk or loading a kernel module gives root on the node.",
        remediation:
            "Remove securityContext.privileged or set it to false; grant only the specific capabilities needed.",
        cis: ["5.2.2"], nsa: ["Pod security: privileged containers"], mitre: ["T1611", "T1610"],
        nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            if let n = c.securityContext?["privileged"], n.bool == true {
                out.append(Violation("\(c.label) sets securityContext.privileged: true", at: n))
            }
        }
        return out
    }
}
