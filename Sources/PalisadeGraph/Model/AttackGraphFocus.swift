extension AttackGraph {
    /// The part of the graph that the paths walk through: their nodes and every edge among them,
    /// with the paths re-indexed. A 10,000-pod cluster has some 200,000 edges, more than any
    /// picture can show; the nodes an attacker actually crosses are what a reader needs.
    public func focused(on paths: [AttackPath]) -> (graph: AttackGraph, paths: [AttackPath]) {
        var keep: [Int: Int] = [:]
        var focused = AttackGraph()
        for path in paths {
            for node in path.nodes(in: self) where keep[node] == nil {
                keep[node] = focused.addNode(nodes[node])
            }
        }
        var edgeMap: [Int: Int] = [:]
        for (old, new) in keep.sorted(by: { $0.value < $1.value }) {
            for edgeIndex in outgoing[old] {
                let edge = edges[edgeIndex]
                guard let to = keep[edge.to] else { continue }
                var copy = edge
                copy.from = new
                copy.to = to
                edgeMap[edgeIndex] = focused.addEdge(copy)
            }
        }
        let remapped = paths.map { AttackPath(edges: $0.edges.map { edgeMap[$0]! }, jewel: $0.jewel) }
        return (focused, remapped)
    }
}
