import PalisadeCore
import PalisadeFormats

/// Baseline "HostProcess" (upstream check `windowsHostProcess`, v1.0+).
struct HostProcess: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-HOST-PROCESS", title: "Windows HostProcess container", severity: .critical, level: .baseline,
        control: "HostProcess",
        why:
            "A Windows HostProcess container runs directly on the node as a host process with host network and file system access: it is the Windows equivalent of a privileged container.",
        remediation: "Remove securityContext.windowsOptions.hostProcess (pod and containers) or set it to false.",
        cis: ["5.2.11"], nsa: ["Pod security: privileged containers"], mitre: ["T1611"],
        nist: [.orchestrator, .host])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        if let n = pod.podSecurityContext?["windowsOptions"]?["hostProcess"], n.bool == true {
            out.append(Violation("pod sets securityContext.windowsOptions.hostProcess: true", at: n))
        }
        for c in pod.containers {
            if let n = c.securityContext?["windowsOptions"]?["hostProcess"], n.bool == true {
                out.append(Violation("\(c.label) sets securityContext.windowsOptions.hostProcess: true", at: n))
            }
        }
        return out
    }
}
