/// One version of one path in one layer. The image's filesystem history is the list of these:
/// a path added in layer 1 and replaced in layer 3 has two records, the first `removedBy: 3`.
public struct FileRecord: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        case regular, directory, symlink, hardlink, characterDevice, blockDevice, fifo
    }

    /// Absolute, normalised path (`/etc/passwd`); never contains `..` or `//`.
    public var path: String
    public var kind: Kind
    /// Permission bits including setuid (0o4000), setgid (0o2000) and sticky (0o1000).
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    public var size: Int64
    /// Symlink or hard link target, as recorded.
    public var linkTarget: String?
    /// Index of the layer that holds this version.
    public var layer: Int
    /// Index of the later layer that deleted (whiteout) or replaced this path, nil if it is
    /// what a container sees.
    public var removedBy: Int?

    public init(
        path: String, kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0, size: Int64 = 0,
        linkTarget: String? = nil, layer: Int, removedBy: Int? = nil
    ) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.linkTarget = linkTarget
        self.layer = layer
        self.removedBy = removedBy
    }

    public var isPresent: Bool { removedBy == nil }
    public var isSetuid: Bool { mode & 0o4000 != 0 }
    public var isSetgid: Bool { mode & 0o2000 != 0 }
    public var isWorldWritable: Bool { mode & 0o002 != 0 }
    public var isExecutable: Bool { mode & 0o111 != 0 }
}
