/// One archive member's header, after GNU long-name and PAX overrides are applied.
public struct TarEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case file, directory, symlink, hardlink
        /// Devices, FIFOs, GNU sparse/volume entries etc.: the raw typeflag byte.
        case other(UInt8)
    }

    /// The raw name bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    public var path: String
    public var linkTarget: String
    public var kind: Kind
    /// Number of data bytes that follow (0 for header-only kinds such as directories and links).
    public var size: Int64
    public var mode: UInt32
    public var uid: Int64
    public var gid: Int64
    public var mtime: Int64
    /// Byte offset of this entry's (first) header block in the archive.
    public var headerOffset: Int64
    /// `path` with leading `/` and `./` removed and `.`/`..` resolved lexically, never above the root.
    public private(set) var normalizedPath: String
    /// True when a `..` in `path` would climb above the archive root: a path-traversal attempt.
    public private(set) var escapesRoot: Bool

    public init(
        path: String, linkTarget: String = "", kind: Kind, size: Int64 = 0, mode: UInt32 = 0, uid: Int64 = 0,
        gid: Int64 = 0, mtime: Int64 = 0, headerOffset: Int64 = 0
    ) {
        self.path = path
        self.linkTarget = linkTarget
        self.kind = kind
        self.size = size
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.mtime = mtime
        self.headerOffset = headerOffset
        (normalizedPath, escapesRoot) = TarEntry.normalize(path)
    }

    /// Lexical normalisation: no file system access, so it is safe on hostile names.
    public static func normalize(_ raw: String) -> (path: String, escapesRoot: Bool) {
        var parts: [Substring] = []
        var escapes = false
        for component in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if parts.isEmpty { escapes = true } else { parts.removeLast() }
                continue
            }
            parts.append(component)
        }
        return (parts.joined(separator: "/"), escapes)
    }
}
