import PalisadeCore

/// Registry rules (`REG-*`): how images are pulled and how a registry is run (NIST SP 800-190
/// section 4.2, registry risks).
public enum RegistryRules {
    public static let all: [RuleMetadata] = [
        plainHTTP, httpAccepted, tlsUntrusted, tlsExpiring, tlsLegacy, anonymousCatalog, anonymousPull, tagMoved,
        unsigned, badSignature, vulnerableImage, staleTag,
    ]

    static let category = "Registry"

    /// HIGH: whoever sits on the path can read the credentials and swap the image.
    public static let plainHTTP = RuleMetadata(
        id: "REG-PLAIN-HTTP", title: "Image pulled from a registry over plain HTTP", severity: .high,
        category: category,
        why: "Over plain HTTP the registry's credentials and tokens travel in clear text and anyone on the network "
            + "path can serve a different manifest; tags are then not worth trusting (NIST SP 800-190 §4.2.1).",
        remediation: "Serve the registry over TLS (a private CA is fine: pass it with --ca-file) and drop "
            + "--insecure-registry; pin images by digest.",
        frameworks: FrameworkMappings(mitre: ["T1557", "T1525"], nist: [.registry]),
        references: ["https://distribution.github.io/distribution/about/insecure/"])

    /// HIGH: the same registry also answers in clear text.
    public static let httpAccepted = RuleMetadata(
        id: "REG-HTTP-ACCEPTED", title: "Registry also answers over plain HTTP", severity: .high, category: category,
        why: "A registry that answers the API over plain HTTP lets any client that tries it (or is downgraded to it) "
            + "send credentials in clear text and receive manifests an attacker on the path can replace.",
        remediation: "Listen only on TLS (or redirect port 80 to HTTPS without serving the API there).",
        frameworks: FrameworkMappings(mitre: ["T1557"], nist: [.registry]))

    /// HIGH: clients must disable verification to use it, which removes all protection.
    public static let tlsUntrusted = RuleMetadata(
        id: "REG-TLS-UNTRUSTED", title: "Registry certificate does not verify", severity: .high, category: category,
        why: "An expired, self-signed or wrong-host certificate forces clients to turn verification off "
            + "(--insecure-registry, --tls-verify=false), after which anyone on the path can impersonate the registry.",
        remediation: "Serve a certificate from a CA the clients trust (a private CA distributed to them is fine), "
            + "valid for the registry's host name, and renew it before it expires.",
        frameworks: FrameworkMappings(mitre: ["T1557"], nist: [.registry]))

    /// MEDIUM: an outage (and a rush to disable verification) is days away.
    public static let tlsExpiring = RuleMetadata(
        id: "REG-TLS-EXPIRING", title: "Registry certificate expires within 30 days", severity: .medium,
        category: category,
        why: "When the certificate expires every pull fails, and the quick fix people reach for is turning TLS "
            + "verification off on clients, which stays off long after the certificate is renewed.",
        remediation: "Renew the certificate now and automate renewal (cert-manager, ACME).",
        frameworks: FrameworkMappings(nist: [.registry]))

    /// MEDIUM: downgrade-prone protocol versions still accepted.
    public static let tlsLegacy = RuleMetadata(
        id: "REG-TLS-LEGACY", title: "Registry accepts TLS 1.0 or 1.1", severity: .medium, category: category,
        why: "TLS 1.0 and 1.1 are deprecated (RFC 8996): their cipher suites and handshakes allow downgrade and "
            + "decryption attacks that TLS 1.2+ closes.",
        remediation: "Set the minimum protocol to TLS 1.2 (distribution: http.tls.minimumtls: tls1.2).",
        frameworks: FrameworkMappings(mitre: ["T1557"], nist: [.registry]),
        references: ["https://www.rfc-editor.org/rfc/rfc8996"])

    /// MEDIUM: the registry's inventory is visible to anyone.
    public static let anonymousCatalog = RuleMetadata(
        id: "REG-ANONYMOUS-CATALOG", title: "Catalog readable without credentials", severity: .medium,
        category: category,
        why: "An anonymous /v2/_catalog lists every repository: product names, internal service names and "
            + "what to pull next for secrets and vulnerabilities.",
        remediation: "Require authentication for the catalog (token auth with a catalog scope, or basic auth).",
        frameworks: FrameworkMappings(mitre: ["T1526", "T1613"], nist: [.registry]))

    /// MEDIUM: images (and the secrets often baked into them) are public.
    public static let anonymousPull = RuleMetadata(
        id: "REG-ANONYMOUS-PULL", title: "Images pullable without credentials", severity: .medium, category: category,
        why: "Anyone who can reach the registry can pull the images and mine them for secrets, internal endpoints "
            + "and vulnerable packages.",
        remediation: "Require authentication for pulls unless the repository is meant to be public.",
        frameworks: FrameworkMappings(mitre: ["T1525", "T1552"], nist: [.registry]))

    /// MEDIUM: what a deployment pulls by this tag changed.
    public static let tagMoved = RuleMetadata(
        id: "REG-TAG-MOVED", title: "Tag points to a different image than at the last audit", severity: .medium,
        category: category,
        why: "A tag that moves silently changes what every deployment referencing it runs; without a record, a "
            + "compromised push looks like any other.",
        remediation: "Deploy by digest, make release tags immutable in the registry, and check that the new "
            + "digest is an intended build.",
        frameworks: FrameworkMappings(mitre: ["T1525"], nist: [.registry]))

    /// LOW: nothing proves who built the image.
    public static let unsigned = RuleMetadata(
        id: "REG-UNSIGNED-IMAGE", title: "Image has no signature", severity: .low, category: category,
        why: "Without a signature (cosign's sha256-<digest>.sig tag or an OCI referrer) admission control cannot "
            + "tell the pipeline's image from one pushed with stolen credentials.",
        remediation: "Sign images in CI (cosign sign) and verify the signature at admission.",
        frameworks: FrameworkMappings(mitre: ["T1525"], nist: [.registry]))

    /// HIGH: a signature exists but not from the expected key (or not for this image).
    public static let badSignature = RuleMetadata(
        id: "REG-SIGNATURE-INVALID", title: "Image signature does not verify with the expected key", severity: .high,
        category: category,
        why: "A signature that does not verify with the organisation's key, or that signs another digest, means "
            + "the image was not signed by the pipeline: it may have been pushed by someone else.",
        remediation: "Find out who pushed this digest; re-sign genuine builds with the pipeline's key "
            + "(cosign sign --key) and delete the rest.",
        frameworks: FrameworkMappings(mitre: ["T1525", "T1553"], nist: [.registry]))

    /// HIGH: a pullable image with critical or high vulnerabilities.
    public static let vulnerableImage = RuleMetadata(
        id: "REG-VULNERABLE-IMAGE", title: "Image with critical or high vulnerabilities", severity: .high,
        category: category,
        why: "Every image left in the registry can still be deployed; one with critical or high vulnerabilities "
            + "is an exploitable workload waiting for someone to pull it (NIST SP 800-190 §4.2.2, stale images).",
        remediation: "Rebuild on patched packages and push; delete or quarantine tags that must not be deployed.",
        frameworks: FrameworkMappings(mitre: ["T1190"], nist: [.registry, .image]))

    /// LOW: candidates for pruning.
    public static let staleTag = RuleMetadata(
        id: "REG-STALE-TAG", title: "Tag older than the retention limit", severity: .low, category: category,
        why: "Old images keep old vulnerabilities pullable and deployable long after they were fixed.",
        remediation: "Delete or archive tags past their retention period (the audit's --older-than).",
        frameworks: FrameworkMappings(nist: [.registry]))

    /// The finding for an image that was pulled over plain HTTP.
    public static func plainHTTPFinding(reference: String, host: String) -> Finding {
        Finding(
            rule: plainHTTP,
            message: "\(reference) was pulled from \(host) over plain HTTP (--insecure-registry).", object: nil,
            location: Location(file: reference, line: 0, column: 0, path: "registry"))
    }
}
