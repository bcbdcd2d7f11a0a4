import PalisadeSBOM
import PalisadeSecrets

/// What one pass over one layer found. Layers are scanned independently (in parallel); the
/// whiteouts and records are merged afterwards to decide what is present and what is a fossil.
struct LayerScanResult: Sendable {
    var index: Int
    /// The digest findings cite: the blob digest, or the diffID for legacy docker-archive layers.
    var digest: String
    var diffID: String
    var encoding: String
    var uncompressedSize: Int64 = 0
    var entryCount = 0
    var records: [FileRecord] = []
    /// Paths deleted by `.wh.NAME` entries of this layer.
    var whiteouts: [String] = []
    /// Directories whose lower contents this layer hides (`.wh..wh..opq`).
    var opaqueDirectories: [String] = []
    /// Secret matches per record index.
    var secrets: [(record: Int, matches: [SecretMatch])] = []
    /// Packages per record index.
    var packages: [(record: Int, packages: [Package])] = []
    /// Contents of files that later stages asked for, per record index.
    var contents: [Int: [UInt8]] = [:]
    var notes: [String] = []
}
