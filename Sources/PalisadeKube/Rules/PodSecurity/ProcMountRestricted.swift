import PalisadeCore
import PalisadeFormats

/// Restricted "/proc Mount Type" (upstream check `procMount_restricted`, v1.35+): Restricted keeps
/// forbidding an unmasked /proc even for user-namespace pods. Pods without a user namespace are
/// already reported by the Baseline rule, so this one only reports `hostUsers: false` pods.
struct ProcMountRestricted: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-PROC-MOUNT-RESTRICTED", title: "User-namespaced container unmasks /proc", severity: .medium,
        level: .restricted, control: "/proc Mount Type",
        why:
            "Even inside a user namespace an Unmasked /proc exposes kernel interfaces the default mount hides; the Restricted profile only allows the default masked /proc.",
        remediation: "Remove securityContext.procMount or set it to Default.",
        nsa: ["Pod security: host file system"], mitre: ["T1611"], nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard context.podSecurityVersion.atLeast(35), pod.pssUsesUserNamespace else { return [] }
        return ProcMount.unmasked(pod)
    }
}
