import PalisadeSBOM

/// The bytes of one file (or one chunk of a big file) that an analyzer wants, on their way from
/// the layer walk to the file analyzer, which may run on another core.
struct FileJob: Sendable {
    /// Index of the file's record in its layer.
    var record: Int
    var path: String
    var bytes: [UInt8]
    var forSecrets: Bool
    var catalogers: [any PackageCataloger]
    var keepContents: Bool
    /// A later chunk of the same file: line numbers continue from the previous chunk.
    var continuesPrevious: Bool
    /// One chunk of a file too big to hold whole: its newlines are counted for the next chunk.
    var chunked: Bool = false
}
