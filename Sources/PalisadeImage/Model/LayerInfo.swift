/// One layer of an image, as the manifest lists it and as the walk measured it.
public struct LayerInfo: Sendable, Hashable {
    /// 0-based position, base layer first.
    public var index: Int
    /// The blob digest from the manifest (`sha256:…` of the compressed bytes); findings cite it.
    public var digest: String
    /// The uncompressed digest (`rootfs.diff_ids[index]`).
    public var diffID: String
    public var mediaType: String
    /// Compressed size from the manifest.
    public var size: Int64
    /// Bytes of the uncompressed tar stream, measured by the walk.
    public var uncompressedSize: Int64
    /// Number of tar entries in the layer.
    public var entryCount: Int
    /// Index into `ImageConfig.history` of the instruction that created the layer, when known.
    public var historyIndex: Int?

    public init(
        index: Int, digest: String, diffID: String, mediaType: String, size: Int64, uncompressedSize: Int64 = 0,
        entryCount: Int = 0, historyIndex: Int? = nil
    ) {
        self.index = index
        self.digest = digest
        self.diffID = diffID
        self.mediaType = mediaType
        self.size = size
        self.uncompressedSize = uncompressedSize
        self.entryCount = entryCount
        self.historyIndex = historyIndex
    }
}
