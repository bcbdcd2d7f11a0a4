/// A malformed, hostile or truncated tar stream. Names the entry (when known) and the byte offset of the problem
/// so a scan report can say exactly which layer member was bad.
public struct TarError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case badChecksum
        case badNumericField(String)
        case metadataTooLarge(Int64)
        case entryTooLarge(Int64)
        case malformedPax(String)
        case orphanMetadata
        case lonelyZeroBlock
        case truncatedHeader
        case truncatedData
        /// The reader already failed (or the handler threw); it cannot resume.
        case readerFailed
    }

    public let kind: Kind
    /// Path of the entry being read, if a header was parsed far enough to know it.
    public let entry: String?
    /// Byte offset in the archive where the problem was detected.
    public let offset: Int64

    public init(_ kind: Kind, entry: String?, offset: Int64) {
        self.kind = kind
        self.entry = entry
        self.offset = offset
    }

    public var description: String {
        let at = entry.map { "entry \"\($0)\" at byte \(offset)" } ?? "byte \(offset)"
        switch kind {
        case .badChecksum: return "tar: header checksum mismatch (\(at))"
        case .badNumericField(let f): return "tar: invalid numeric field \(f) (\(at))"
        case .metadataTooLarge(let n): return "tar: metadata record of \(n) bytes exceeds limit (\(at))"
        case .entryTooLarge(let n): return "tar: entry of \(n) bytes exceeds limit (\(at))"
        case .malformedPax(let why): return "tar: malformed PAX header: \(why) (\(at))"
        case .orphanMetadata: return "tar: long-name/PAX record not followed by an entry (\(at))"
        case .lonelyZeroBlock: return "tar: data after a single end-of-archive zero block (\(at))"
        case .truncatedHeader: return "tar: archive ends inside a header (\(at))"
        case .truncatedData: return "tar: archive ends inside entry data (\(at))"
        case .readerFailed: return "tar: reader used after a previous error (\(at))"
        }
    }
}
