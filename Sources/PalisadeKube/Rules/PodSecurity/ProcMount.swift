import PalisadeCore
import PalisadeFormats

/// Baseline "/proc Mount Type" (upstream check `procMount`, v1.0+). From v1.35 a pod in its own
/// user namespace (`hostUsers: false`) may unmask /proc; `ProcMountRestricted` covers that case.
struct ProcMount: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-PROC-MOUNT", title: "Container unmasks /proc", severity: .high, level: .baseline,
        control: "/proc Mount Type",
        why:
            "The default /proc mount masks and read-only-mounts kernel interfaces (/proc/sys, /proc/sysrq-trigger, /proc/kcore); an Unmasked /proc exposes them, leaking host information and enabling writes that affect the node.",
        remediation: "Remove securityContext.procMount or set it to Default.",
        nsa: ["Pod security: host file system"], mitre: ["T1611"], nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        if context.podSecurityVersion.atLeast(35), pod.pssUsesUserNamespace { return [] }
        return ProcMount.unmasked(pod)
    }

    /// Containers whose procMount is set to anything but `Default`.
    static func unmasked(_ pod: PodSpecView) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let n = c.securityContext?["procMount"], let value = n.string, value != "Default" else { continue }
            out.append(Violation("\(c.label) sets securityContext.procMount: \(value)", at: n))
        }
        return out
    }
}
