/// Everything the image-configuration checks look at, gathered in the single pass over the
/// layers: pure data, so checks are pure functions of it.
public struct ImageFacts: Sendable {
    /// The reference as the user gave it (`oci:./img:1.0`, `docker-archive:app.tar`); it is the
    /// `location.file` of every finding.
    public var reference: String
    public var config: ImageConfig
    public var layers: [LayerInfo]
    /// Every version of every path in every layer, layer order then tar order.
    public var files: [FileRecord]
    /// Contents of the small files that checks asked for (`ImageHygieneAnalyzer.wantsContents`),
    /// as visible in the merged filesystem, keyed by absolute path.
    public var contents: [String: [UInt8]]

    public init(
        reference: String, config: ImageConfig, layers: [LayerInfo], files: [FileRecord],
        contents: [String: [UInt8]] = [:]
    ) {
        self.reference = reference
        self.config = config
        self.layers = layers
        self.files = files
        self.contents = contents
    }
}
