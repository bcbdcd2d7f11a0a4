import PalisadeCore
import PalisadeFormats

/// Frameworks shared by the image-reference rules.
private let imageFrameworks = FrameworkMappings(
    nsa: ["Pod security: building secure container images"], mitre: ["T1525", "T1204.003"], nist: [.image, .registry])

/// An image with no tag and no digest: the runtime pulls `:latest`, whatever that is on the day.
struct ImageWithoutTag: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-IMAGE-NO-TAG", title: "Container image has no tag", severity: .medium,
        why: "An image without a tag or digest resolves to `latest` at pull time, so different nodes can run "
            + "different code and a compromised or re-pushed tag is deployed silently on the next pull.",
        remediation: "Reference a specific version tag, ideally pinned by digest (`repo:1.4.2@sha256:…`).",
        frameworks: imageFrameworks, references: [HardeningDocs.images])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let image = c.facts.image, let ref = image.reference else { continue }
            let (node, text) = (image.node, image.text)
            if ref.tag == nil && ref.digest == nil {
                out.append(Violation("\(c.label) uses image \"\(text)\" with no tag (implicitly :latest)", at: node))
            }
        }
        return out
    }
}

/// An image tagged `:latest` (and not pinned by digest).
struct ImageLatestTag: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-IMAGE-LATEST", title: "Container image uses the :latest tag", severity: .medium,
        why: "`latest` is a moving tag: what runs is decided at pull time, rollbacks are impossible to reason "
            + "about, and anyone able to push the tag changes production code on the next restart.",
        remediation: "Reference an immutable version tag, ideally pinned by digest (`repo:1.4.2@sha256:…`).",
        frameworks: imageFrameworks, references: [HardeningDocs.images])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let image = c.facts.image, let ref = image.reference else { continue }
            let (node, text) = (image.node, image.text)
            if ref.tag == "latest" && ref.digest == nil {
                out.append(Violation("\(c.label) uses image \"\(text)\" with the mutable :latest tag", at: node))
            }
        }
        return out
    }
}

/// An image not pinned by digest: tags can be moved to other content.
struct ImageNotPinned: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-IMAGE-NOT-PINNED", title: "Container image is not pinned by digest", severity: .low,
        why: "Tags are mutable: whoever can push to the repository (or compromises it) can replace the image "
            + "behind a tag, and the cluster runs the new content at the next pull. A digest names exact bytes.",
        remediation: "Append the image digest (`repo:1.4.2@sha256:<digest>`); let a tool such as Renovate "
            + "update digests.",
        frameworks: imageFrameworks, references: [HardeningDocs.images])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let image = c.facts.image, let ref = image.reference else { continue }
            let (node, text) = (image.node, image.text)
            if ref.digest == nil {
                out.append(Violation("\(c.label) uses image \"\(text)\" without a @sha256 digest", at: node))
            }
        }
        return out
    }
}

/// A mutable image reference (no digest) whose effective pull policy is not `Always`: a node may run
/// a stale or tampered cached copy, and any pod in the node can use a private image already pulled there.
struct ImagePullPolicyNotAlways: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-IMAGE-PULL-POLICY", title: "Mutable image is not pulled with imagePullPolicy: Always",
        severity: .low,
        why: "With IfNotPresent or Never, a node reuses whatever image it cached under that tag: nodes drift "
            + "apart, a poisoned cache is never replaced, and registry credentials are not re-checked, so other "
            + "pods on the node can run a private image someone else pulled.",
        remediation: "Pin the image by digest, or set imagePullPolicy: Always (and enable the AlwaysPullImages "
            + "admission plugin in multi-tenant clusters).",
        frameworks: FrameworkMappings(nsa: ["Pod security: building secure container images"], nist: [.image]),
        references: [HardeningDocs.images + "#image-pull-policy"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let image = c.facts.image, let ref = image.reference, ref.digest == nil else { continue }
            let text = image.text
            if let policy = c.node["imagePullPolicy"], let value = policy.string {
                if value != "Always" {
                    out.append(
                        Violation(
                            "\(c.label) pulls mutable image \"\(text)\" with imagePullPolicy: \(value)", at: policy))
                }
            } else if ref.tag != nil && ref.tag != "latest" {
                // Kubernetes defaults to Always only for :latest and untagged images.
                out.append(
                    Violation(
                        "\(c.label) pulls mutable image \"\(text)\" with the default imagePullPolicy (IfNotPresent)",
                        missing: "imagePullPolicy", under: c.node))
            }
        }
        return out
    }
}
