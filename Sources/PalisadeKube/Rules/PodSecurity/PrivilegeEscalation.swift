import PalisadeCore
import PalisadeFormats

/// Restricted "Privilege Escalation" (upstream check `allowPrivilegeEscalation`, v1.8+; Windows
/// pods exempt from v1.25): every container must set `allowPrivilegeEscalation: false`.
struct PrivilegeEscalation: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-PRIVILEGE-ESCALATION", title: "Container allows privilege escalation", severity: .medium,
        level: .restricted, control: "Privilege Escalation",
        why:
            "Unless allowPrivilegeEscalation is false, no_new_privs is not set, so a setuid binary or file capability inside the image lets a compromised process gain root or extra capabilities in the container.",
        remediation:
            "Set securityContext.allowPrivilegeEscalation: false on every container, init and ephemeral container.",
        cis: ["5.2.6"], nsa: ["Pod security: privilege escalation"], mitre: ["T1068"],
        nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        let version = context.podSecurityVersion
        guard version.atLeast(8) else { return [] }
        if version.atLeast(25), pod.isWindows { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            let n = c.securityContext?.pssValue("allowPrivilegeEscalation")
            switch n?.bool {
            case false?: continue
            case true?: out.append(Violation("\(c.label) sets securityContext.allowPrivilegeEscalation: true", at: n!))
            case nil:
                out.append(
                    Violation(
                        "\(c.label) does not set securityContext.allowPrivilegeEscalation: false",
                        missing: "securityContext.allowPrivilegeEscalation", under: c.node))
            }
        }
        return out
    }
}
