/// What a download produced: either the server confirmed the caller's copy is current,
/// or a verified file now sits at the destination.
public enum DownloadOutcome: Equatable, Sendable {
    /// 304: the conditional headers matched; the destination was not touched.
    case notModified
    /// 200/206: the complete, checksum-verified body was renamed onto the destination.
    case downloaded(DownloadedFile)
}

/// A completed download and the validators to send next time.
public struct DownloadedFile: Equatable, Sendable {
    public var path: String
    public var etag: String?
    public var lastModified: String?
    /// Lowercase hex SHA-256 of the whole file, computed locally.
    public var sha256: String
    /// Whether the server declared an MD5 (`x-goog-hash` or `Content-MD5`) and it matched.
    public var md5Verified: Bool
    public var bytes: Int64
    /// Status of the final response: 200, or 206 when the body was resumed.
    public var status: Int
    /// Bytes already on disk from an interrupted attempt that this download continued from (0 if none).
    public var resumedFrom: Int64

    public init(
        path: String, etag: String?, lastModified: String?, sha256: String, md5Verified: Bool, bytes: Int64,
        status: Int, resumedFrom: Int64
    ) {
        self.path = path
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
        self.md5Verified = md5Verified
        self.bytes = bytes
        self.status = status
        self.resumedFrom = resumedFrom
    }
}
