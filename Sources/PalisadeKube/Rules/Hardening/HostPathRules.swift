import PalisadeCore
import PalisadeFormats

/// A hostPath volume exposing a container runtime socket (Docker, containerd, CRI-O, Podman).
struct RuntimeSocketMount: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-RUNTIME-SOCKET", title: "Container runtime socket mounted into a pod", severity: .critical,
        why: "The runtime socket is an unauthenticated root API on the node: whoever reaches it can start a "
            + "privileged container with the host filesystem mounted, i.e. take over the node and every pod on it.",
        remediation: "Remove the volume. Build images with a daemonless builder (BuildKit rootless, Kaniko) and "
            + "read container metadata through the Kubernetes API instead.",
        frameworks: FrameworkMappings(
            cis: ["5.2.12"], nsa: ["Pod security: hardening container environments"],
            mitre: ["T1611", "T1609", "T1610"],
            nist: [.orchestrator, .host]),
        references: [HardeningDocs.hostPath])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        HostPathVolume.all(in: pod).compactMap { v in
            guard HostPathClassifier.isRuntimeSocket(v.path) else { return nil }
            return Violation(
                "volume \"\(v.name)\" mounts host path \(v.path) (container runtime socket), \(v.mountDescription)",
                at: v.pathNode)
        }
    }
}

/// A hostPath volume exposing a sensitive host directory (`/`, `/etc`, `/proc`, `/var/lib/kubelet`, …).
struct SensitiveHostPathMount: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SENSITIVE-HOSTPATH", title: "Sensitive host directory mounted into a pod", severity: .high,
        why: "Host system directories hold node credentials (kubelet and etcd keys), other pods' data, kernel "
            + "interfaces and configuration; reading them leaks cluster secrets and writing them escapes to the node.",
        remediation: "Remove the hostPath volume, or narrow it to the single file needed, mounted readOnly; use "
            + "ConfigMaps, Secrets, CSI drivers or the downward API instead.",
        frameworks: FrameworkMappings(
            cis: ["5.2.12"], nsa: ["Pod security: hardening container environments"], mitre: ["T1611", "T1552.001"],
            nist: [.orchestrator, .host]),
        references: [HardeningDocs.hostPath])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        HostPathVolume.all(in: pod).compactMap { v in
            guard !HostPathClassifier.isRuntimeSocket(v.path), let reason = HostPathClassifier.sensitiveReason(v.path)
            else { return nil }
            return Violation(
                "volume \"\(v.name)\" mounts host path \(v.path) (\(reason)), \(v.mountDescription)", at: v.pathNode)
        }
    }
}

/// A container mounting a hostPath volume without `readOnly: true`.
struct WritableHostPathMount: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-WRITABLE-HOSTPATH", title: "hostPath volume mounted writable", severity: .medium,
        why: "A writable host mount lets the container change files on the node: plant binaries, cron jobs or "
            + "symlinks the kubelet follows, a common first step of a node escape.",
        remediation: "Set readOnly: true on the volumeMount, or replace the hostPath volume with an emptyDir or "
            + "persistent volume.",
        frameworks: FrameworkMappings(
            cis: ["5.2.12"], nsa: ["Pod security: hardening container environments"], mitre: ["T1611"],
            nist: [.orchestrator, .host]),
        references: [HardeningDocs.hostPath])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for v in HostPathVolume.all(in: pod) {
            for (c, mount) in v.mounts {
                let readOnly = mount["readOnly"]
                if readOnly?.bool == true { continue }
                let at = mount["mountPath"]?.string ?? "?"
                let message = "\(c.label) mounts hostPath volume \"\(v.name)\" (\(v.path)) writable at \(at)"
                if let readOnly, !readOnly.isNull {
                    out.append(Violation(message, at: readOnly))
                } else {
                    out.append(Violation(message, missing: "readOnly", under: mount))
                }
            }
        }
        return out
    }
}
