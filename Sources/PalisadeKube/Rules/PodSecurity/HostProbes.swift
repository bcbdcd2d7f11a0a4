import PalisadeCore
import PalisadeFormats

/// Baseline "Host Probes / Lifecycle Hooks" (upstream check `hostProbesAndHostLifecycle`, v1.34+):
/// probes and lifecycle handlers must not name a host, since the kubelet makes those requests.
struct HostProbes: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-HOST-PROBES", title: "Probe or lifecycle hook targets another host", severity: .medium,
        level: .baseline, control: "Host Probes / Lifecycle Hooks",
        why:
            "The kubelet performs httpGet and tcpSocket probes and hooks from the node; setting `host` makes it connect to any address the node can reach (node-local services, cloud metadata), a server-side request forgery primitive.",
        remediation: "Remove the host field so the probe or hook targets the pod's own IP.",
        nsa: ["Network separation"], mitre: ["T1090"])

    static let probes = ["livenessProbe", "readinessProbe", "startupProbe"]
    static let hooks = ["postStart", "preStop"]
    static let handlers = ["httpGet", "tcpSocket"]

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard context.podSecurityVersion.atLeast(34) else { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            for probe in Self.probes {
                if let handler = c.node[probe] { check(handler, c, nil, probe, &out) }
            }
            if let lifecycle = c.node["lifecycle"] {
                for hook in Self.hooks {
                    if let handler = lifecycle[hook] { check(handler, c, "lifecycle", hook, &out) }
                }
            }
        }
        return out
    }

    /// `parent` is `lifecycle` for hooks; the field path is only spelled out for an actual violation.
    private func check(
        _ handler: YAMLNode, _ c: ContainerView, _ parent: String?, _ field: String, _ out: inout [Violation]
    ) {
        for kind in Self.handlers {
            guard let n = handler[kind]?["host"], let host = n.string, !host.isEmpty else { continue }
            let at = parent.map { "\($0).\(field)" } ?? field
            out.append(Violation("\(c.label) sets \(at).\(kind).host: \(host)", at: n))
        }
    }
}
