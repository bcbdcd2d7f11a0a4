import PalisadeCore
import PalisadeSBOM

/// Everything one image scan produced: findings for reports, the package inventory for SBOMs,
/// and the facts behind them.
public struct ImageScanResult: Sendable {
    public var reference: String
    public var manifestDigest: String?
    public var configDigest: String?
    public var tags: [String]
    public var config: ImageConfig
    public var layers: [LayerInfo]
    public var findings: [Finding]
    /// Packages visible in the merged filesystem, assembled (deduplicated, sorted, OS purls qualified).
    public var packages: [Package]
    public var os: OSRelease?
    /// Every version of every path in every layer, with `removedBy` set by the layer merge.
    public var files: [FileRecord]
    /// Number of file records across all layers.
    public var fileCount: Int { files.count }
    public var notes: [String]
}

/// Progress of a scan, for a TTY progress line.
public struct ImageScanProgress: Sendable {
    public var layersDone: Int
    public var layerCount: Int
    public var compressedBytesRead: Int64
    public var compressedBytesTotal: Int64
}
