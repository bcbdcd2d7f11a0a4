import PalisadeCore

/// The graph as every renderer walks it: nodes sorted by id and edges by (source id, target id,
/// kind), so a picture depends on the graph's content and never on the order the builder found
/// things in; plus which nodes and edges lie on an attack path.
struct PictureView {
    let graph: AttackGraph
    let paths: [AttackPath]
    /// Graph node indices in output order.
    let nodeOrder: [Int]
    /// Graph edge indices in output order.
    let edgeOrder: [Int]
    /// For each graph node index, its position in `nodeOrder`.
    let nodeRank: [Int]
    /// For each graph edge index, its position in `edgeOrder`.
    let edgeRank: [Int]
    let edgeOnPath: [Bool]
    let nodeOnPath: [Bool]

    init(graph: AttackGraph, paths: [AttackPath]) {
        self.graph = graph
        // Empty paths, and paths naming edges the graph does not have, are dropped rather than trusted.
        self.paths = paths.filter { path in
            !path.edges.isEmpty && path.edges.allSatisfy { $0 >= 0 && $0 < graph.edges.count }
        }
        let nodes = graph.nodes
        let nodeOrder = nodes.indices.sorted { nodes[$0].id < nodes[$1].id }
        var nodeRank = [Int](repeating: 0, count: nodes.count)
        for (rank, index) in nodeOrder.enumerated() { nodeRank[index] = rank }
        let edges = graph.edges
        let edgeOrder = edges.indices.sorted { a, b in
            let ea = edges[a]
            let eb = edges[b]
            if nodeRank[ea.from] != nodeRank[eb.from] { return nodeRank[ea.from] < nodeRank[eb.from] }
            if nodeRank[ea.to] != nodeRank[eb.to] { return nodeRank[ea.to] < nodeRank[eb.to] }
            return ea.kind < eb.kind
        }
        var edgeRank = [Int](repeating: 0, count: edges.count)
        for (rank, index) in edgeOrder.enumerated() { edgeRank[index] = rank }
        var edgeOnPath = [Bool](repeating: false, count: edges.count)
        var nodeOnPath = [Bool](repeating: false, count: nodes.count)
        for path in self.paths {
            for edge in path.edges {
                edgeOnPath[edge] = true
                nodeOnPath[edges[edge].from] = true
                nodeOnPath[edges[edge].to] = true
            }
        }
        self.nodeOrder = nodeOrder
        self.edgeOrder = edgeOrder
        self.nodeRank = nodeRank
        self.edgeRank = edgeRank
        self.edgeOnPath = edgeOnPath
        self.nodeOnPath = nodeOnPath
    }

    /// Namespaces in sorted order; cluster-scoped nodes have none.
    var namespaces: [String] {
        Set(graph.nodes.compactMap(\.namespace)).sorted()
    }

    /// `file:line` of a location, the way editors and terminals link it.
    static func fileLine(_ location: Location?) -> String? {
        location.map { "\($0.file):\($0.line)" }
    }

    /// One line naming an edge for tooltips: kind, MITRE technique and the reason.
    func edgeTooltip(_ edge: GraphEdge) -> String {
        let mitre = edge.kind.mitre
        var text = "\(edge.kind.rawValue) · \(mitre.id) \(mitre.name) (\(mitre.tactic))"
        if !edge.reason.isEmpty { text += "\n\(edge.reason)" }
        if let place = Self.fileLine(edge.location) { text += "\n\(place)" }
        return text
    }

    /// One line naming a node for tooltips: label, kind, namespace, where defined, crown jewel.
    func nodeTooltip(_ node: GraphNode) -> String {
        var text = "\(node.label)\n\(node.kind.rawValue)"
        if let namespace = node.namespace { text += " in \(namespace)" }
        if let jewel = node.crownJewel { text += "\ncrown jewel: \(jewel.rawValue)" }
        if let place = Self.fileLine(node.location) { text += "\n\(place)" }
        return text
    }
}
