/// Everything an SBOM file says about one scanned image, independent of the output format.
/// `created` is passed in (not read from the clock) so the same scan renders byte-identical
/// documents, which golden tests and reproducible pipelines rely on.
public struct SBOMDocument: Sendable {
    /// Image reference as the user gave it (`docker.io/library/debian:12`).
    public var subjectName: String
    /// Manifest digest (`sha256:…`), when known.
    public var subjectDigest: String?
    /// Detected distribution; becomes the operating-system component/package.
    public var os: OSRelease?
    /// Packages as `SBOMAssembler.assemble` returns them (deduplicated, sorted, OS purls fixed).
    public var packages: [Package]
    public var toolName: String
    public var toolVersion: String
    /// RFC 3339 UTC time of the scan (`2025-01-02T03:04:05Z`).
    public var created: String

    public init(
        subjectName: String, subjectDigest: String? = nil, os: OSRelease? = nil, packages: [Package],
        toolName: String = "palisade", toolVersion: String, created: String
    ) {
        self.subjectName = subjectName
        self.subjectDigest = subjectDigest
        self.os = os
        self.packages = packages
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.created = created
    }

    /// Stable identity of the document's content, hashed into CycloneDX's `serialNumber` and
    /// SPDX's `documentNamespace`: the subject plus every package's purl and location.
    var contentIdentity: String {
        var text = (subjectDigest ?? subjectName) + "\n"
        for package in packages {
            text += package.purl + "\t" + package.foundIn + "\t" + (package.layer ?? "") + "\n"
        }
        return text
    }
}
