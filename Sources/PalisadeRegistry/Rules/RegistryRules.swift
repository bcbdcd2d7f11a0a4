import PalisadeCore

/// Registry rules (`REG-*`): how images are pulled and how a registry is run (NIST SP 800-190
/// section 4.2, registry risks).
public enum RegistryRules {
    public static let all: [RuleMetadata] = [plainHTTP]

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

    /// The finding for an image that was pulled over plain HTTP.
    public static func plainHTTPFinding(reference: String, host: String) -> Finding {
        Finding(
            rule: plainHTTP,
            message: "\(reference) was pulled from \(host) over plain HTTP (--insecure-registry).", object: nil,
            location: Location(file: reference, line: 0, column: 0, path: "registry"))
    }
}
