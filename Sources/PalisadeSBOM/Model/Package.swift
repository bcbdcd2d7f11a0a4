/// The package ecosystems Palisade inventories. Raw values are the purl types
/// (https://github.com/package-url/purl-spec), so a package's purl starts with `pkg:<rawValue>/`.
public enum PackageEcosystem: String, Sendable, Codable, Hashable, CaseIterable {
    case deb
    case apk
    case rpm
    case pypi
    case npm
    case golang
    case maven
    case gem
    case cargo
    case composer
    case nuget
}

/// One installed package: the unit of an SBOM and what the vulnerability matcher consumes.
public struct Package: Sendable, Codable, Hashable {
    public var ecosystem: PackageEcosystem
    /// Namespace where the ecosystem has one: Maven groupId, npm scope (`@babel`), Go module
    /// path without its last element is NOT split (Go uses `name` = full module path).
    public var namespace: String?
    public var name: String
    /// The version exactly as the package database records it (dpkg `1:2.36-9+deb12u4`).
    public var version: String
    /// Package URL. OS packages get their `distro` qualifier when the image's OS is known
    /// (`SBOMAssembler` adds it); catalogers set everything else.
    public var purl: String
    /// Source package (dpkg `Source:`, apk `o:`, rpm `SOURCERPM`) and its version, when it differs.
    public var sourceName: String?
    public var sourceVersion: String?
    public var architecture: String?
    /// SPDX license ids or expressions as the package declares them; may be free text.
    public var licenses: [String]
    /// Absolute path of the file the package was read from (`/var/lib/dpkg/status`).
    public var foundIn: String
    /// Digest of the image layer that added that file (set by the image pipeline; nil for a filesystem).
    public var layer: String?

    public init(
        ecosystem: PackageEcosystem, namespace: String? = nil, name: String, version: String, purl: String,
        sourceName: String? = nil, sourceVersion: String? = nil, architecture: String? = nil,
        licenses: [String] = [], foundIn: String, layer: String? = nil
    ) {
        self.ecosystem = ecosystem
        self.namespace = namespace
        self.name = name
        self.version = version
        self.purl = purl
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.architecture = architecture
        self.licenses = licenses
        self.foundIn = foundIn
        self.layer = layer
    }
}
