import PalisadeCore
import PalisadeFormats

/// Restricted "Volume Types" (upstream check `restrictedVolumes`, v1.0+): only ephemeral and
/// PersistentVolume-backed volume types. hostPath is reported by the Baseline rule, not here.
struct VolumeTypes: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-VOLUME-TYPES", title: "Pod uses a restricted volume type", severity: .medium,
        level: .restricted, control: "Volume Types",
        why:
            "In-tree network and node volume types (nfs, iscsi, rbd, flexVolume, gitRepo, …) are mounted by the kubelet with node credentials and drivers; they bypass PersistentVolume access control and some (gitRepo, flexVolume) run host commands.",
        remediation:
            "Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes; access network storage through a PersistentVolumeClaim.",
        nsa: ["Pod security: volumes"], mitre: ["T1611"],
        references: ["https://kubernetes.io/docs/concepts/storage/volumes/"])

    /// Volume sources the Restricted profile accepts (upstream also allows `image` at every version).
    static let allowed: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected",
        "secret",
    ]

    /// Every other volume source of the core API. A volume naming none of the known sources is
    /// defaulted to emptyDir by the API server.
    static let restricted: Set<String> = [
        "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
        "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
        "portworxVolume", "scaleIO", "storageos", "photonPersistentDisk",
    ]

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let volumes = pod.spec["volumes"]?.items else { return [] }
        var out: [Violation] = []
        for (i, v) in volumes.enumerated() {
            guard let pairs = v.pairs else { continue }
            var bad: YAMLPair?
            var ok = false
            for p in pairs where !p.value.isNull {
                if Self.allowed.contains(p.key) {
                    ok = true
                    break
                }
                if bad == nil, p.value.isMapping, Self.restricted.contains(p.key) { bad = p }
            }
            guard !ok, let bad, bad.key != "hostPath" else { continue }
            let name = v.pssString("name") ?? "volumes[\(i)]"
            out.append(Violation("volume \"\(name)\" uses restricted volume type \(bad.key)", at: bad.value))
        }
        return out
    }
}
