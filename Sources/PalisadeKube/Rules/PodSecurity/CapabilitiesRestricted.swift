import PalisadeCore
import PalisadeFormats

/// Restricted "Capabilities" (upstream check `capabilities_restricted`, v1.22+; Windows pods exempt
/// from v1.25): containers must drop ALL and may add back only NET_BIND_SERVICE. Capabilities outside
/// the Baseline default set are reported by the Baseline rule, not again here.
struct CapabilitiesRestricted: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-CAPABILITIES-RESTRICTED", title: "Container keeps default capabilities", severity: .low,
        level: .restricted, control: "Capabilities",
        why:
            "The runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, SETGID, MKNOD, …) let a compromised root process bypass file permissions and switch users; dropping ALL removes them.",
        remediation:
            "Set securityContext.capabilities.drop: [\"ALL\"] on every container and add back only NET_BIND_SERVICE if needed.",
        cis: ["5.2.9", "5.2.10"], nsa: ["Pod security: capabilities"], mitre: ["T1068"],
        nist: [.orchestrator, .container])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        let version = context.podSecurityVersion
        guard version.atLeast(22) else { return [] }
        if version.atLeast(25), pod.isWindows { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            let caps = c.securityContext?.pssMapping("capabilities")
            let drop = caps?["drop"]
            if !(drop?.items?.contains { $0.string == "ALL" } ?? false) {
                if let drop, !drop.isNull {
                    out.append(Violation("\(c.label) does not drop ALL in securityContext.capabilities.drop", at: drop))
                } else {
                    out.append(
                        Violation(
                            "\(c.label) does not set securityContext.capabilities.drop: [\"ALL\"]",
                            missing: "securityContext.capabilities.drop", under: c.node))
                }
            }
            for item in caps?["add"]?.items ?? [] {
                guard let cap = item.string, cap != "NET_BIND_SERVICE", CapabilitiesBaseline.allowed.contains(cap)
                else { continue }
                out.append(Violation("\(c.label) adds capability \(cap); only NET_BIND_SERVICE is allowed", at: item))
            }
        }
        return out
    }
}
