/// Steps 1 and 2 of ``LayeredLayout``: make the graph acyclic by reversing the back edges of a
/// depth-first search, then give each node its longest distance from a source as its layer.
struct LayeredAcyclic {
    let nodeCount: Int
    let edges: [(from: Int, to: Int)]
    /// Per edge: it closes a cycle and is laid out reversed.
    private(set) var reversed: [Bool]
    /// Nodes in the order the search first reached them: sources first, a subtree's nodes together.
    private(set) var discoveryOrder: [Int] = []

    init(nodeCount: Int, edges: [(from: Int, to: Int)]) {
        self.nodeCount = nodeCount
        self.edges = edges
        reversed = [Bool](repeating: false, count: edges.count)
        var outgoing = [[Int]](repeating: [], count: nodeCount)
        var indegree = [Int](repeating: 0, count: nodeCount)
        for (index, edge) in edges.enumerated() where edge.from != edge.to {
            outgoing[edge.from].append(index)
            indegree[edge.to] += 1
        }
        // Roots: sources first (so the internet ends up on top), then whatever a cycle left unreached.
        let roots = (0..<nodeCount).filter { indegree[$0] == 0 } + (0..<nodeCount).filter { indegree[$0] != 0 }
        // 0 unseen, 1 on the search stack, 2 finished.
        var state = [UInt8](repeating: 0, count: nodeCount)
        var stack: [(node: Int, next: Int)] = []
        discoveryOrder.reserveCapacity(nodeCount)
        for root in roots where state[root] == 0 {
            state[root] = 1
            discoveryOrder.append(root)
            stack.append((root, 0))
            while let top = stack.last {
                let out = outgoing[top.node]
                if top.next == out.count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = out[top.next]
                let target = edges[edge].to
                switch state[target] {
                case 0:
                    state[target] = 1
                    discoveryOrder.append(target)
                    stack.append((target, 0))
                case 1:
                    reversed[edge] = true
                default:
                    break
                }
            }
        }
    }

    /// Longest-path layering over the acyclic graph (Kahn's order): every edge goes at least one
    /// layer down, and sources sit on layer 0. Then, walking back from the sinks, a node with more
    /// edges out than in moves down to just above its highest successor: a source linked only to
    /// deep nodes (a Role bound nowhere, a node that runs workloads) otherwise drags long edges,
    /// and their bend points, across the whole drawing. Empty layers are closed up at the end.
    func longestPathLayers() -> [Int] {
        var outgoing = [[Int]](repeating: [], count: nodeCount)
        var indegree = [Int](repeating: 0, count: nodeCount)
        for (index, edge) in edges.enumerated() where edge.from != edge.to {
            let (u, v) = reversed[index] ? (edge.to, edge.from) : (edge.from, edge.to)
            outgoing[u].append(v)
            indegree[v] += 1
        }
        let inCount = indegree
        var layer = [Int](repeating: 0, count: nodeCount)
        var queue = (0..<nodeCount).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for v in outgoing[u] {
                layer[v] = max(layer[v], layer[u] + 1)
                indegree[v] -= 1
                if indegree[v] == 0 { queue.append(v) }
            }
        }
        // `queue` is a topological order; successors are final before their predecessors move.
        for u in queue.reversed() where outgoing[u].count > inCount[u] {
            var highest = Int.max
            for v in outgoing[u] { highest = min(highest, layer[v]) }
            if highest - 1 > layer[u] { layer[u] = highest - 1 }
        }
        var used = [Bool](repeating: false, count: (layer.max() ?? -1) + 1)
        for value in layer { used[value] = true }
        var compact = [Int](repeating: 0, count: used.count)
        var next = 0
        for (value, isUsed) in used.enumerated() where isUsed {
            compact[value] = next
            next += 1
        }
        return layer.map { compact[$0] }
    }
}
