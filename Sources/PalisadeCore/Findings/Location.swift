/// Where a finding is: a file position plus the field path inside the object,
/// so that both editors (line/column) and humans (field path) can find it.
public struct Location: Sendable, Codable, Hashable {
    /// Path of the source file as given on the command line; `-` for stdin.
    public var file: String
    /// 1-based line of the offending field (or of its nearest existing parent when the field is missing).
    public var line: Int
    /// 1-based column of the offending field.
    public var column: Int
    /// Field path inside the object, e.g. `spec.template.spec.containers[0].securityContext.privileged`.
    public var path: String
    /// Image findings: the digest of the layer the file came from (`sha256:…`).
    public var layer: String?
    /// Image findings about file contents: whether the file is still in the merged filesystem,
    /// or a fossil that a later layer deleted or replaced (still shipped with every pull).
    public var presence: Presence?

    public init(file: String, line: Int, column: Int, path: String, layer: String? = nil, presence: Presence? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.layer = layer
        self.presence = presence
    }
}

/// Whether a file found in an image layer is visible in the image's merged filesystem.
public enum Presence: String, Sendable, Codable, Hashable {
    /// The file is in the merged filesystem a container sees.
    case present
    /// A later layer deleted or replaced it, but the layer still carries it: a fossil.
    case removed
}
