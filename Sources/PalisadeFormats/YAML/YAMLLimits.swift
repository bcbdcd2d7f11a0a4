/// Caps that keep hostile documents (alias bombs, deep nesting) from exhausting memory or stack.
public struct YAMLLimits: Sendable, Hashable {
    /// Deepest mapping/sequence nesting accepted; Kubernetes objects rarely exceed 20.
    public var maxDepth: Int
    /// Alias expansion budget: a document may reference at most this many nodes through aliases
    /// beyond `aliasRatio` times its own node count.
    public var maxAliasedNodes: Int
    public var aliasRatio: Int

    public init(maxDepth: Int = 512, maxAliasedNodes: Int = 100_000, aliasRatio: Int = 10) {
        self.maxDepth = maxDepth
        self.maxAliasedNodes = maxAliasedNodes
        self.aliasRatio = aliasRatio
    }

    public static let `default` = YAMLLimits()
}
