import PalisadeCore
import PalisadeFormats

/// Restricted "Seccomp" (upstream check `seccompProfile_restricted`, v1.19+; Windows pods exempt
/// from v1.25): a RuntimeDefault or Localhost profile must be set on the pod or every container.
/// Explicitly bad profiles are already reported by the Baseline rule; this one reports unset ones.
struct SeccompRestricted: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-SECCOMP-RESTRICTED", title: "No seccomp profile set", severity: .low, level: .restricted,
        control: "Seccomp",
        why:
            "Without a seccomp profile many runtimes run the container Unconfined, exposing every system call to a compromised process; most kernel container escapes use calls the RuntimeDefault profile blocks.",
        remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile).",
        cis: ["5.7.2"], nsa: ["Pod security: seccomp"], mitre: ["T1611"], nist: [.orchestrator, .container],
        references: ["https://kubernetes.io/docs/tutorials/security/seccomp/"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        let version = context.podSecurityVersion
        guard version.atLeast(19) else { return [] }
        if version.atLeast(25), pod.isWindows { return [] }
        // A pod-level profile, valid or not, decides for containers that set none; a bad one is
        // the Baseline rule's finding.
        if pod.podSecurityContext?.pssMapping("seccompProfile") != nil { return [] }
        var out: [Violation] = []
        for c in pod.containers where c.securityContext?.pssMapping("seccompProfile") == nil {
            out.append(
                Violation(
                    "neither the pod nor \(c.label) sets securityContext.seccompProfile.type to RuntimeDefault or Localhost",
                    missing: "securityContext.seccompProfile.type", under: c.node))
        }
        return out
    }
}
