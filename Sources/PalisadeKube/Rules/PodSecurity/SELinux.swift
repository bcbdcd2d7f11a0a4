import PalisadeCore
import PalisadeFormats

/// Baseline "SELinux" (upstream check `seLinuxOptions`, v1.0+; `container_engine_t` allowed from v1.31).
struct SELinux: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-SELINUX", title: "Custom SELinux user, role or type", severity: .medium, level: .baseline,
        control: "SELinux",
        why:
            "The SELinux type decides what the container may touch on the host; a custom type such as spc_t or unconfined_t, or a custom user or role, lifts the confinement that stops a compromised container from reaching host files and processes.",
        remediation:
            "Remove seLinuxOptions.user and .role; leave .type unset or use container_t, container_init_t, container_kvm_t (or container_engine_t from v1.31).",
        nsa: ["Pod security: SELinux"], mitre: ["T1611"], nist: [.orchestrator, .container])

    static let identityFields = ["user", "role"]

    static func allowedType(_ type: String, _ version: PodSecurityVersion) -> Bool {
        switch type {
        case "", "container_t", "container_init_t", "container_kvm_t": true
        case "container_engine_t": version.atLeast(31)
        default: false
        }
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        if let opts = pod.podSecurityContext?.pssMapping("seLinuxOptions") {
            check(opts, setter: "pod", context.podSecurityVersion, &out)
        }
        for c in pod.containers {
            if let opts = c.securityContext?.pssMapping("seLinuxOptions") {
                check(opts, setter: c.label, context.podSecurityVersion, &out)
            }
        }
        return out
    }

    private func check(_ opts: YAMLNode, setter: String, _ version: PodSecurityVersion, _ out: inout [Violation]) {
        if let n = opts["type"], let type = n.string, !Self.allowedType(type, version) {
            out.append(Violation("\(setter) sets securityContext.seLinuxOptions.type: \(type)", at: n))
        }
        for key in Self.identityFields {
            if let n = opts[key], let value = n.string, !value.isEmpty {
                out.append(Violation("\(setter) sets securityContext.seLinuxOptions.\(key): \(value)", at: n))
            }
        }
    }
}
