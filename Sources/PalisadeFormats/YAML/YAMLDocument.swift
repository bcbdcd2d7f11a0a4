/// One document of a YAML stream (or a whole JSON file).
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    /// 0-based index of the document in its stream.
    public var index: Int

    public init(root: YAMLNode, index: Int) {
        self.root = root
        self.index = index
    }
}
