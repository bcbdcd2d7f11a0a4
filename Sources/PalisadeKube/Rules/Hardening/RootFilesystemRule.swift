import PalisadeCore
import PalisadeFormats

/// A container whose root filesystem is writable (`readOnlyRootFilesystem` not true).
struct WritableRootFilesystem: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-WRITABLE-ROOT-FS", title: "Container root filesystem is writable", severity: .medium,
        why: "A writable root filesystem lets an attacker who gains code execution drop tools, modify binaries "
            + "or libraries and persist changes for the life of the container.",
        remediation: "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes only where the "
            + "application must write (e.g. /tmp).",
        frameworks: FrameworkMappings(
            nsa: ["Pod security: immutable container file systems"], mitre: ["T1059"], nist: [.container]),
        references: [HardeningDocs.securityContext])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        var out: [Violation] = []
        for c in pod.containers where c.kind != .ephemeralContainer {
            if let node = c.securityContext?["readOnlyRootFilesystem"], !node.isNull {
                if node.bool != true {
                    out.append(
                        Violation(
                            "\(c.label) sets securityContext.readOnlyRootFilesystem: \(node.string ?? "?")", at: node))
                }
            } else {
                out.append(
                    Violation(
                        "\(c.label) does not set securityContext.readOnlyRootFilesystem: true",
                        missing: "securityContext.readOnlyRootFilesystem", under: c.node))
            }
        }
        return out
    }
}
