/// The attack graph: typed nodes and edges with an index by id and by source, so path search
/// and rendering never scan the whole edge list. Nodes and edges are referred to by index.
public struct AttackGraph: Sendable {
    public private(set) var nodes: [GraphNode] = []
    public private(set) var edges: [GraphEdge] = []
    private var indexById: [String: Int] = [:]
    /// Edge indices leaving each node, in insertion order.
    public private(set) var outgoing: [[Int]] = []
    private var edgeKeys: Set<EdgeKey> = []

    private struct EdgeKey: Hashable {
        var from: Int
        var to: Int
        var kind: GraphEdgeKind
    }

    public init() {}

    /// The node with this id, adding it on first sight. A later call with the same id keeps the
    /// first node's fields, except that a crown jewel mark or a location is filled in when missing.
    @discardableResult
    public mutating func addNode(_ node: GraphNode) -> Int {
        if let existing = indexById[node.id] {
            if nodes[existing].crownJewel == nil { nodes[existing].crownJewel = node.crownJewel }
            if nodes[existing].location == nil { nodes[existing].location = node.location }
            return existing
        }
        let index = nodes.count
        nodes.append(node)
        outgoing.append([])
        indexById[node.id] = index
        return index
    }

    /// Adds an edge unless one of the same kind already joins the same nodes; returns its index.
    @discardableResult
    public mutating func addEdge(_ edge: GraphEdge) -> Int {
        let key = EdgeKey(from: edge.from, to: edge.to, kind: edge.kind)
        if !edgeKeys.insert(key).inserted {
            return outgoing[edge.from].first { edges[$0].to == edge.to && edges[$0].kind == edge.kind }!
        }
        let index = edges.count
        edges.append(edge)
        outgoing[edge.from].append(index)
        return index
    }

    public func index(of id: String) -> Int? { indexById[id] }

    public func node(_ id: String) -> GraphNode? { indexById[id].map { nodes[$0] } }
}
