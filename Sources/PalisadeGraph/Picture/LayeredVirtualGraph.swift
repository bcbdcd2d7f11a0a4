/// Steps 3 and 4 of ``LayeredLayout``: the layered graph with a dummy node wherever an edge crosses
/// a layer, so every segment joins adjacent layers; barycenter ordering within layers; and x
/// coordinates. Real nodes keep their indices `0..<n`; dummies follow.
struct LayeredVirtualGraph {
    private(set) var nodeLayer: [Int]
    private(set) var width: [Int]
    /// Neighbours one layer up and one layer down, per virtual node.
    private var up: [[Int]]
    private var down: [[Int]]
    /// Virtual nodes of each layer, in their current left-to-right order.
    private var layerNodes: [[Int]]
    /// Each virtual node's index within its layer.
    private var position: [Int]
    /// Per edge: the range of its dummies in `dummies`, top to bottom.
    private var chainRange: [Range<Int>]
    private var dummies: [Int] = []
    private let realCount: Int

    init(layers: [Int], widths: [Int], discovery: [Int], edges: [(from: Int, to: Int)], reversed: [Bool]) {
        nodeLayer = layers
        width = widths
        realCount = layers.count
        up = [[Int]](repeating: [], count: layers.count)
        down = [[Int]](repeating: [], count: layers.count)
        chainRange = [Range<Int>](repeating: 0..<0, count: edges.count)
        // Dummies are created following the search's order, so a subtree's chains start together.
        var edgesBySource = [[Int]](repeating: [], count: layers.count)
        for (index, edge) in edges.enumerated() where edge.from != edge.to {
            let u = reversed[index] ? edge.to : edge.from
            edgesBySource[u].append(index)
        }
        let routed = Self.routedEdges(layers: layers, edges: edges)
        var order: [Int] = []
        order.reserveCapacity(layers.count)
        for u in discovery {
            order.append(u)
            for index in edgesBySource[u] {
                let edge = edges[index]
                let v = reversed[index] ? edge.from : edge.to
                var previous = u
                let start = dummies.count
                var layer = layers[u] + 1
                while routed[index] && layer < layers[v] {
                    let dummy = nodeLayer.count
                    nodeLayer.append(layer)
                    width.append(LayeredLayout.dummyWidth)
                    up.append([previous])
                    down.append([])
                    down[previous].append(dummy)
                    dummies.append(dummy)
                    order.append(dummy)
                    previous = dummy
                    layer += 1
                }
                down[previous].append(v)
                up[v].append(previous)
                chainRange[index] = start..<dummies.count
            }
        }
        let layerCount = (nodeLayer.max() ?? -1) + 1
        layerNodes = [[Int]](repeating: [], count: layerCount)
        position = [Int](repeating: 0, count: nodeLayer.count)
        for v in order {
            position[v] = layerNodes[nodeLayer[v]].count
            layerNodes[nodeLayer[v]].append(v)
        }
    }

    /// Which edges get dummy nodes. A deep graph (thousands of layers, as long chains of lateral
    /// movement make) would need millions of dummies; past a budget linear in the graph's size the
    /// longest edges are drawn as straight lines instead, shortest edges keeping their routes.
    private static func routedEdges(layers: [Int], edges: [(from: Int, to: Int)]) -> [Bool] {
        var spans = [Int](repeating: 0, count: edges.count)
        var total = 0
        for (index, edge) in edges.enumerated() where edge.from != edge.to {
            spans[index] = abs(layers[edge.to] - layers[edge.from]) - 1
            total += spans[index]
        }
        let budget = 4 * (layers.count + edges.count) + 1000
        guard total > budget else { return [Bool](repeating: true, count: edges.count) }
        var routed = [Bool](repeating: false, count: edges.count)
        var used = 0
        for index in edges.indices.sorted(by: { spans[$0] != spans[$1] ? spans[$0] < spans[$1] : $0 < $1 }) {
            used += spans[index]
            if used > budget { break }
            routed[index] = true
        }
        return routed
    }

    /// The dummy nodes of an edge, top to bottom.
    func chain(ofEdge index: Int) -> ArraySlice<Int> { dummies[chainRange[index]] }

    /// Alternating down and up barycenter sweeps: each node moves to the mean position of its
    /// neighbours in the layer just fixed; nodes without such neighbours keep their place. Sweeps
    /// can make things worse, so the ordering with the fewest crossings seen is the one kept.
    mutating func reduceCrossings(sweeps: Int) {
        guard layerNodes.count > 1 else { return }
        var best = layerNodes
        var fewest = crossings()
        for _ in 0..<sweeps {
            for layer in 1..<layerNodes.count { reorder(layer, by: up) }
            for layer in stride(from: layerNodes.count - 2, through: 0, by: -1) { reorder(layer, by: down) }
            let count = crossings()
            if count < fewest {
                fewest = count
                best = layerNodes
            }
            if fewest == 0 { break }
        }
        layerNodes = best
        for nodes in layerNodes {
            for (index, v) in nodes.enumerated() { position[v] = index }
        }
    }

    /// Edge crossings between adjacent layers: the inversions among each layer's segments sorted by
    /// their upper end, counted with a Fenwick tree (`E log V`). Segments that skip layers (long
    /// edges past the bend-point budget) are not counted.
    func crossings() -> Int {
        var total = 0
        var tree: [Int] = []
        var targets: [Int] = []
        for layer in 0..<(layerNodes.count - 1) {
            let lowerCount = layerNodes[layer + 1].count
            tree.removeAll(keepingCapacity: true)
            tree.append(contentsOf: repeatElement(0, count: lowerCount + 1))
            var seen = 0
            for u in layerNodes[layer] {
                targets.removeAll(keepingCapacity: true)
                for v in down[u] where nodeLayer[v] == layer + 1 { targets.append(position[v]) }
                if targets.count > 1 { targets.sort() }
                // Segments from this node cross every earlier segment that ends further right.
                for target in targets {
                    var index = target + 1
                    var atOrLeft = 0
                    while index > 0 {
                        atOrLeft += tree[index]
                        index -= index & -index
                    }
                    total += seen - atOrLeft
                }
                for target in targets {
                    var index = target + 1
                    while index <= lowerCount {
                        tree[index] += 1
                        index += index & -index
                    }
                    seen += 1
                }
            }
        }
        return total
    }

    private mutating func reorder(_ layer: Int, by neighbours: [[Int]]) {
        let nodes = layerNodes[layer]
        var keys = [Double](repeating: 0, count: nodes.count)
        for (index, v) in nodes.enumerated() {
            let adjacent = neighbours[v]
            if adjacent.isEmpty {
                keys[index] = Double(index)
            } else {
                var sum = 0
                for u in adjacent { sum += position[u] }
                keys[index] = Double(sum) / Double(adjacent.count)
            }
        }
        // Ties keep the current order, so sweeps are deterministic and stable.
        let sorted = nodes.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { nodes[$0] }
        layerNodes[layer] = sorted
        for (index, v) in sorted.enumerated() { position[v] = index }
    }

    /// Centre x of every virtual node. Layers start packed and centred; then passes pull each node
    /// towards the mean x of its neighbours in the layer above (or below), and a left-to-right and
    /// a right-to-left packing, averaged, keep the order and the minimum gap.
    func assignX(passes: Int) -> [Double] {
        var x = [Double](repeating: 0, count: nodeLayer.count)
        var widest = 0.0
        for nodes in layerNodes { widest = max(widest, span(nodes)) }
        for nodes in layerNodes {
            var cursor = (widest - span(nodes)) / 2
            for v in nodes {
                x[v] = cursor + Double(width[v]) / 2
                cursor += Double(width[v]) + gap(v)
            }
        }
        guard layerNodes.count > 1 else { return x }
        for _ in 0..<passes {
            for layer in 1..<layerNodes.count { place(layer, towards: up, x: &x) }
            for layer in stride(from: layerNodes.count - 2, through: 0, by: -1) { place(layer, towards: down, x: &x) }
        }
        return x
    }

    /// Dummies (indices from `realCount` on) only carry a line, so they pack four times as tightly.
    private func gap(_ v: Int) -> Double {
        v >= realCount ? Double(LayeredLayout.nodeGap) / 4 : Double(LayeredLayout.nodeGap)
    }

    private func span(_ nodes: [Int]) -> Double {
        var total = 0.0
        for v in nodes { total += Double(width[v]) + gap(v) }
        return total
    }

    private func separation(_ a: Int, _ b: Int) -> Double {
        Double(width[a] + width[b]) / 2 + max(gap(a), gap(b))
    }

    private func place(_ layer: Int, towards neighbours: [[Int]], x: inout [Double]) {
        let nodes = layerNodes[layer]
        guard !nodes.isEmpty else { return }
        var desired = nodes.map { v -> Double in
            let adjacent = neighbours[v]
            guard !adjacent.isEmpty else { return x[v] }
            var sum = 0.0
            for u in adjacent { sum += x[u] }
            return sum / Double(adjacent.count)
        }
        var left = desired
        for i in 1..<max(1, nodes.count) {
            left[i] = max(desired[i], left[i - 1] + separation(nodes[i - 1], nodes[i]))
        }
        var right = desired
        for i in stride(from: nodes.count - 2, through: 0, by: -1) {
            right[i] = min(desired[i], right[i + 1] - separation(nodes[i], nodes[i + 1]))
        }
        for i in nodes.indices {
            desired[i] = (left[i] + right[i]) / 2
            x[nodes[i]] = desired[i]
        }
    }
}
