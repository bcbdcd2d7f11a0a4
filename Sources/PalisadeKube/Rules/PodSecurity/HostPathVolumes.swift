import PalisadeCore
import PalisadeFormats

/// Baseline "HostPath Volumes" (upstream check `hostPathVolumes`, v1.0+).
struct HostPathVolumes: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-HOSTPATH-VOLUMES", title: "Pod mounts a hostPath volume", severity: .high, level: .baseline,
        control: "HostPath Volumes",
        why:
            "A hostPath volume exposes the node's file system: mounting /, /var/run/containerd.sock, /etc or kubelet credentials lets the pod read secrets of other pods or take over the node.",
        remediation:
            "Replace the hostPath volume with emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim; for node agents, isolate them in a privileged namespace.",
        cis: ["5.2.12"], nsa: ["Pod security: host file system"], mitre: ["T1611"], nist: [.orchestrator, .host])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let volumes = pod.spec["volumes"]?.items else { return [] }
        var out: [Violation] = []
        for (i, v) in volumes.enumerated() {
            guard let hp = v.pssMapping("hostPath") else { continue }
            let name = v.pssString("name") ?? "volumes[\(i)]"
            let path = hp.pssString("path").map { " (path \($0))" } ?? ""
            out.append(Violation("volume \"\(name)\" is a hostPath volume\(path)", at: hp))
        }
        return out
    }
}
