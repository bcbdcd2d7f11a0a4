import PalisadeCore

/// A shortest chain of edges from the internet to a crown jewel.
public struct AttackPath: Sendable, Hashable {
    /// Edge indices into the graph, in walking order.
    public var edges: [Int]
    public var jewel: CrownJewel

    public init(edges: [Int], jewel: CrownJewel) {
        self.edges = edges
        self.jewel = jewel
    }

    public var length: Int { edges.count }

    /// Node indices along the path, source first.
    public func nodes(in graph: AttackGraph) -> [Int] {
        guard let first = edges.first else { return [] }
        return [graph.edges[first].from] + edges.map { graph.edges[$0].to }
    }
}
