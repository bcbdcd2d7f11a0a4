/// A corrupt, truncated or hostile gzip stream. Carries the compressed byte offset where the problem was detected so
/// a scan report can point at the bad spot in a layer blob.
public struct GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Not a gzip member header (bad magic, unsupported method or flags).
        case invalidHeader
        /// The deflate data is invalid (bad block, symbol or lookback distance).
        case corruptData
        /// The CRC32 or ISIZE trailer does not match the decompressed data.
        case checksumMismatch
        /// Input ended inside a gzip member.
        case truncated
        /// Decompressed output passed `limit` (a gzip bomb, or a layer too large to scan); `produced` bytes so far.
        case outputLimitExceeded(limit: Int64, produced: Int64)
        /// ISA-L returned an unexpected status code.
        case internalError(Int32)
        /// The decoder already failed (or the output handler threw); it cannot resume.
        case decoderFailed
    }

    public let kind: Kind
    /// Offset in the compressed input where the problem was detected.
    public let offset: Int64

    public init(_ kind: Kind, offset: Int64) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let at = "compressed byte \(offset)"
        switch kind {
        case .invalidHeader: return "gzip: invalid gzip header (\(at))"
        case .corruptData: return "gzip: corrupt deflate data (\(at))"
        case .checksumMismatch: return "gzip: CRC32/size trailer mismatch (\(at))"
        case .truncated: return "gzip: stream is truncated (\(at))"
        case .outputLimitExceeded(let limit, let produced):
            return "gzip: decompressed output reached \(produced) bytes, over the \(limit)-byte limit (\(at))"
        case .internalError(let code): return "gzip: unexpected ISA-L status \(code) (\(at))"
        case .decoderFailed: return "gzip: decoder used after a previous error (\(at))"
        }
    }
}
