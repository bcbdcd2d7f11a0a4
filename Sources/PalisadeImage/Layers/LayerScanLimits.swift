/// Caps that keep hostile or huge images bounded. Every cap produces a clear error or note.
public struct LayerScanLimits: Sendable, Hashable {
    /// Largest uncompressed size of one layer (gzip/zstd bombs stop here).
    public var maxLayerBytes: Int64
    /// Most tar entries in one layer.
    public var maxEntriesPerLayer: Int
    /// Files are handed to the secret scanner in chunks of at most this many bytes.
    public var secretChunkBytes: Int
    /// Largest file a package cataloger may receive whole (JARs, Go and Rust binaries).
    public var maxCatalogFileBytes: Int
    /// Largest file scanned for secrets; bigger files are recorded but not read (a note says so).
    public var maxSecretFileBytes: Int64

    public init(
        maxLayerBytes: Int64 = 8 << 30, maxEntriesPerLayer: Int = 2_000_000, secretChunkBytes: Int = 16 << 20,
        maxCatalogFileBytes: Int = 128 << 20, maxSecretFileBytes: Int64 = 256 << 20
    ) {
        self.maxLayerBytes = maxLayerBytes
        self.maxEntriesPerLayer = maxEntriesPerLayer
        self.secretChunkBytes = secretChunkBytes
        self.maxCatalogFileBytes = maxCatalogFileBytes
        self.maxSecretFileBytes = maxSecretFileBytes
    }
}
