import PalisadeCore
import PalisadeFormats

/// Baseline "Capabilities" (upstream check `capabilities_baseline`, v1.0+): only the container
/// runtime's default capabilities may be added.
struct CapabilitiesBaseline: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-CAPABILITIES-BASELINE", title: "Container adds a non-default capability", severity: .high,
        level: .baseline, control: "Capabilities",
        why:
            "Capabilities beyond the runtime default (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, NET_RAW, …) give root-equivalent powers: mounting file systems, tracing other processes, spoofing traffic; several are direct container-escape primitives.",
        remediation:
            "Remove the capability from securityContext.capabilities.add; only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT are allowed.",
        cis: ["5.2.8", "5.2.9"], nsa: ["Pod security: capabilities"], mitre: ["T1611", "T1068"],
        nist: [.orchestrator, .container])

    /// `capabilities_allowed_1_0` upstream: the default set of container runtimes.
    static let allowed: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
        "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let add = c.securityContext?["capabilities"]?["add"]?.items else { continue }
            for item in add {
                guard let cap = item.string, !Self.allowed.contains(cap) else { continue }
                out.append(Violation("\(c.label) adds capability \(cap) in securityContext.capabilities.add", at: item))
            }
        }
        return out
    }
}
