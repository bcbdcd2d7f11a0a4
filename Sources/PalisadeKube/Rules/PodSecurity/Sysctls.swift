import PalisadeCore
import PalisadeFormats

/// Baseline "Sysctls" (upstream check `sysctls`): only namespaced, isolated sysctls are allowed;
/// the safe set grew at v1.27, v1.29, v1.32 and v1.37.
struct Sysctls: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-SYSCTLS", title: "Pod sets an unsafe sysctl", severity: .high, level: .baseline,
        control: "Sysctls",
        why:
            "Sysctls outside the safe set are either not namespaced (they change the whole node, e.g. kernel.* limits) or can disable security mechanisms; one pod could weaken or destabilise every workload on the node.",
        remediation:
            "Remove the sysctl from spec.securityContext.sysctls, or set it on the node (tuning DaemonSet in a privileged namespace).",
        nsa: ["Pod security: kernel settings"], mitre: ["T1611"], nist: [.orchestrator, .host],
        references: ["https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"])

    /// The policy version from which a sysctl is in upstream's safe set, or `nil` when it never is.
    static func safeSince(_ name: String) -> Int? {
        switch name {
        case "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start":
            0
        case "net.ipv4.ip_local_reserved_ports": 27
        case "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes":
            29
        case "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem": 32
        case "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat": 37
        default: nil
        }
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let sysctls = pod.podSecurityContext?["sysctls"]?.items else { return [] }
        var out: [Violation] = []
        for s in sysctls {
            guard let n = s["name"], let name = n.string else { continue }
            if let since = Self.safeSince(name), context.podSecurityVersion.atLeast(since) { continue }
            out.append(Violation("pod sets sysctl \(name), which is not in the safe set", at: n))
        }
        return out
    }
}
