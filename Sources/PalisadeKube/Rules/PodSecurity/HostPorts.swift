import PalisadeCore
import PalisadeFormats

/// Baseline "Host Ports" (upstream check `hostPorts`, v1.0+).
struct HostPorts: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-HOST-PORTS", title: "Container binds a host port", severity: .medium, level: .baseline,
        control: "Host Ports",
        why:
            "A hostPort opens the port on the node's own address, bypassing Services and NetworkPolicy, and can shadow or intercept node services; it also pins the pod to nodes where the port is free.",
        remediation: "Remove ports[].hostPort (or set it to 0) and expose the pod through a Service.",
        cis: ["5.2.13"], nsa: ["Network separation"], mitre: ["T1133"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let ports = c.node["ports"]?.items else { continue }
            for p in ports {
                guard let n = p["hostPort"], let port = n.int, port != 0 else { continue }
                out.append(Violation("\(c.label) uses hostPort \(port)", at: n))
            }
        }
        return out
    }
}
