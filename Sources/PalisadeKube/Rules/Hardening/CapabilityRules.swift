import PalisadeCore
import PalisadeFormats

/// Capability names as the runtime reads them: case-insensitive, with or without `CAP_`.
enum Capability {
    static func normalise(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    /// `securityContext.capabilities.<key>` entries of a container with their normalised names.
    static func entries(_ c: ContainerView, _ key: String) -> [(name: String, node: YAMLNode)] {
        guard let items = c.securityContext?["capabilities"]?[key]?.items else { return [] }
        return items.compactMap { n in n.string.map { (normalise($0), n) } }
    }

    /// Added capabilities that hand a container kernel powers beyond any application's needs.
    /// `SYS_ADMIN` has a rule of its own.
    static let dangerous: Set<String> = [
        "ALL", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "BPF", "PERFMON", "SYS_RAWIO",
        "SYS_BOOT", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG", "LINUX_IMMUTABLE", "SYS_RESOURCE",
        "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_CONTROL", "CHECKPOINT_RESTORE",
    ]
}

/// A container that keeps `NET_RAW` (kube-linter's drop-net-raw).
struct NetRawNotDropped: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-NET-RAW", title: "Container does not drop the NET_RAW capability", severity: .medium,
        why: "NET_RAW, granted by default, lets a compromised container craft raw packets: ARP and DNS spoofing "
            + "of neighbouring pods, and it has been the entry point of several kernel escape CVEs.",
        remediation: "Add NET_RAW (or ALL) to securityContext.capabilities.drop and do not add it back; ping "
            + "works without it on current kernels via net.ipv4.ping_group_range.",
        frameworks: FrameworkMappings(
            cis: ["5.2.8"], nsa: ["Pod security: hardening container environments"], mitre: ["T1557"],
            nist: [.container]),
        references: [HardeningDocs.securityContext + "#set-capabilities-for-a-container"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            if let added = Capability.entries(c, "add").first(where: { $0.name == "NET_RAW" || $0.name == "ALL" }) {
                out.append(
                    Violation("\(c.label) adds capability \(added.name), which includes NET_RAW", at: added.node))
                continue
            }
            let drops = Capability.entries(c, "drop")
            if drops.contains(where: { $0.name == "NET_RAW" || $0.name == "ALL" }) { continue }
            if let dropNode = c.securityContext?["capabilities"]?["drop"], !dropNode.isNull {
                out.append(Violation("\(c.label) drops capabilities but not NET_RAW", at: dropNode))
            } else {
                out.append(
                    Violation(
                        "\(c.label) does not drop NET_RAW (no securityContext.capabilities.drop)",
                        missing: "securityContext.capabilities.drop", under: c.node))
            }
        }
        return out
    }
}

/// A container adding `SYS_ADMIN`, "the new root".
struct SysAdminCapability: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SYS-ADMIN", title: "Container adds the SYS_ADMIN capability", severity: .critical,
        why: "SYS_ADMIN allows mount, namespace and cgroup operations: with it a container can mount the host's "
            + "devices or abuse cgroup release_agent and escape to the node. It is nearly equivalent to privileged.",
        remediation: "Remove SYS_ADMIN from securityContext.capabilities.add; grant the specific narrower "
            + "capability or use a device plugin / CSI driver for what the workload needs.",
        frameworks: FrameworkMappings(
            cis: ["5.2.9"], nsa: ["Pod security: hardening container environments"], mitre: ["T1611"],
            nist: [.container, .host]),
        references: [HardeningDocs.securityContext + "#set-capabilities-for-a-container"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            for cap in Capability.entries(c, "add") where cap.name == "SYS_ADMIN" {
                out.append(Violation("\(c.label) adds capability SYS_ADMIN", at: cap.node))
            }
        }
        return out
    }
}

/// A container adding another dangerous capability (NET_ADMIN, SYS_PTRACE, SYS_MODULE, BPF, ALL, …).
struct DangerousCapability: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-DANGEROUS-CAPABILITY", title: "Container adds a dangerous capability", severity: .high,
        why: "These capabilities give kernel-level powers: loading modules (SYS_MODULE), tracing other processes "
            + "(SYS_PTRACE), reconfiguring the network (NET_ADMIN), eBPF (BPF/PERFMON), raw I/O or reading any "
            + "file (DAC_READ_SEARCH); each has been used to escape containers or spy on neighbours.",
        remediation: "Remove the capability from securityContext.capabilities.add; drop ALL and add back only "
            + "what the application demonstrably needs (typically nothing, or NET_BIND_SERVICE).",
        frameworks: FrameworkMappings(
            cis: ["5.2.9"], nsa: ["Pod security: hardening container environments"], mitre: ["T1611", "T1068"],
            nist: [.container, .host]),
        references: [HardeningDocs.securityContext + "#set-capabilities-for-a-container"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            for cap in Capability.entries(c, "add") where Capability.dangerous.contains(cap.name) {
                out.append(Violation("\(c.label) adds capability \(cap.name)", at: cap.node))
            }
        }
        return out
    }
}
