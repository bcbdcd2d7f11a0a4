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

    public init(file: String, line: Int, column: Int, path: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }
}
