import PalisadeCore

/// What `SBOMDocumentReader` took out of an SBOM written by Palisade or another tool (Trivy,
/// Syft, …): the packages the vulnerability matcher can use and the OS they were built for,
/// plus how many entries it had to leave out, so a user can tell a thin SBOM from a thin image.
public struct ReadSBOM: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case cycloneDX = "CycloneDX"
        case spdx = "SPDX"
    }

    public var format: Format
    /// `1.6` for CycloneDX, `2.3` for SPDX.
    public var specVersion: String
    public var packages: [Package]
    /// From an `operating-system` component/package, else the first purl `distro` qualifier.
    public var os: OSRelease?
    /// Components or packages with no purl, or a purl type Palisade has no ecosystem for.
    public var skipped: Int
    /// The first skipped entry's purl or name, for the note that reports `skipped`.
    public var skippedExample: String?

    public init(
        format: Format, specVersion: String, packages: [Package], os: OSRelease?, skipped: Int,
        skippedExample: String?
    ) {
        self.format = format
        self.specVersion = specVersion
        self.packages = packages
        self.os = os
        self.skipped = skipped
        self.skippedExample = skippedExample
    }
}

/// Why an SBOM could not be read: the project's one-line input error (`FILE:LINE: reason`).
public typealias SBOMReadError = InputError
