import PalisadeFormats

/// What a rule reports: a message and the node it is about. When the offending field is
/// missing, the nearest existing parent is given plus the missing field's relative path.
public struct Violation: Sendable {
    public var message: String
    public var node: YAMLNode
    public var missing: String?

    /// The field `node` itself is wrong.
    public init(_ message: String, at node: YAMLNode) {
        self.message = message
        self.node = node
        self.missing = nil
    }

    /// A field that should exist under `parent` does not (e.g. `resources.limits.memory`).
    public init(_ message: String, missing: String, under parent: YAMLNode) {
        self.message = message
        self.node = parent
        self.missing = missing
    }
}
