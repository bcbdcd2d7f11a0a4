/// Where images come from. A source resolves a reference to a manifest for one platform and
/// streams its blobs; everything after that (digests, layers, analyzers) is source-independent,
/// so the registry source of a later issue slots in by conforming to this.
public protocol ImageSource: Sendable {
    /// The reference as the user typed it; findings cite it.
    var reference: String { get }
    func resolve(platform: Platform) throws(ImageError) -> ResolvedImage
    func openLayer(_ layer: LayerDescriptor) throws(ImageError) -> any BlobReader
}

/// The manifest of one platform's image: its config and its layers, base first.
public struct ResolvedImage: Sendable {
    /// Digest of the image manifest, when the source has one (OCI layouts, registries).
    public var manifestDigest: String?
    public var configDigest: String?
    public var configBytes: [UInt8]
    public var layers: [LayerDescriptor]
    /// Repo tags recorded by the source (`docker save`'s `RepoTags`, OCI `ref.name`).
    public var tags: [String]

    public init(
        manifestDigest: String?, configDigest: String?, configBytes: [UInt8], layers: [LayerDescriptor],
        tags: [String] = []
    ) {
        self.manifestDigest = manifestDigest
        self.configDigest = configDigest
        self.configBytes = configBytes
        self.layers = layers
        self.tags = tags
    }
}

/// One layer as the manifest lists it.
public struct LayerDescriptor: Sendable, Hashable {
    /// `sha256:…` of the blob as stored; nil for legacy `docker save` layers named by path only
    /// (their uncompressed diffID is then the identity that is verified and cited).
    public var digest: String?
    public var mediaType: String
    public var size: Int64
    /// Where the source finds the blob (a store path, or the digest for registries).
    public var location: String

    public init(digest: String?, mediaType: String, size: Int64, location: String) {
        self.digest = digest
        self.mediaType = mediaType
        self.size = size
        self.location = location
    }
}

/// An OS/architecture/variant triple, as in OCI image indexes.
public struct Platform: Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// `linux/arm64/v8`, `linux/amd64`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    /// This machine's platform, in OCI's architecture names.
    public static var host: Platform {
        #if arch(x86_64)
            Platform(os: "linux", architecture: "amd64")
        #elseif arch(arm64)
            Platform(os: "linux", architecture: "arm64", variant: "v8")
        #else
            Platform(os: "linux", architecture: "unknown")
        #endif
    }

    public var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }

    /// Index entries match on os and architecture; the variant only when both sides name one
    /// (arm64 images often omit `v8`).
    public func matches(os: String?, architecture: String?, variant: String?) -> Bool {
        guard os == self.os, architecture == self.architecture else { return false }
        if let want = self.variant, let have = variant, want != have { return false }
        return true
    }
}
