import PalisadeCore

/// One attacker move from `from` to `to`.
public struct GraphEdge: Sendable, Hashable, Codable {
    public var from: Int
    public var to: Int
    public var kind: GraphEdgeKind
    /// Why this edge exists for these two nodes, in one sentence: the rule, binding or field that grants it.
    public var reason: String
    /// The field that creates the edge (a container's `securityContext.privileged`, a binding's `subjects[0]`).
    public var location: Location?

    public init(from: Int, to: Int, kind: GraphEdgeKind, reason: String, location: Location? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.reason = reason
        self.location = location
    }
}
