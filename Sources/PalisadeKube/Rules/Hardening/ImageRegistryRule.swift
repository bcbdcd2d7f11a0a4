import PalisadeCore
import PalisadeFormats

/// An image from a registry outside `RuleContext.allowedRegistries` (checked only when that list is set).
struct ImageRegistryNotAllowed: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-IMAGE-REGISTRY", title: "Container image comes from a registry that is not allowed",
        severity: .high,
        why: "Images from unvetted registries bypass the scanning, signing and provenance controls applied to "
            + "approved ones; typosquatted or hijacked public images are a known way to run attacker code.",
        remediation: "Mirror the image into an approved registry and reference it there, or add the registry to "
            + "the allowed list after review.",
        frameworks: FrameworkMappings(
            cis: ["5.5.1"], nsa: ["Pod security: building secure container images"], mitre: ["T1204.003", "T1525"],
            nist: [.registry, .image]),
        references: [HardeningDocs.images])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        let entries = context.registryEntries
        guard !entries.isEmpty else { return [] }
        var out: [Violation] = []
        for c in pod.containers {
            guard let image = c.facts.image, let ref = image.reference else { continue }
            let (node, text) = (image.node, image.text)
            if entries.contains(where: { ref.isAllowed(by: $0) }) { continue }
            out.append(
                Violation(
                    "\(c.label) uses image \"\(text)\" from registry \(ref.registry), which is not in the allowed list",
                    at: node))
        }
        return out
    }
}
