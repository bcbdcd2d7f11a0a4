/// The built-in layout for `--format svg` without Graphviz and for the HTML page: a Sugiyama-style
/// layered drawing. Cycles are broken by reversing DFS back edges, nodes are layered by longest path
/// from the sources, long edges are cut into dummy nodes one layer apart, a few barycenter sweeps
/// reduce crossings, and x coordinates are pulled towards neighbours without overlapping.
/// Every step is linear or `n log n` in nodes plus dummy nodes, so thousands of nodes take
/// milliseconds; the drawing reads top (internet) to bottom (crown jewels).
struct LayeredLayout {
    struct Point: Sendable, Equatable {
        var x: Int
        var y: Int
    }

    /// A node's box: centre and size.
    struct Box: Sendable, Equatable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    struct Result: Sendable {
        /// Indexed like the graph's nodes.
        var nodes: [Box]
        /// Each node's layer, 0 at the top.
        var layers: [Int]
        /// Indexed like the graph's edges: the polyline from the source's box to the target's box.
        var edgeRoutes: [[Point]]
        /// Indexed like the graph's edges: drawn upwards because it closes a cycle.
        var reversed: [Bool]
        var width: Int
        var height: Int
    }

    static let nodeHeight = 34
    static let layerGap = 64
    static let nodeGap = 24
    static let dummyWidth = 4
    static let margin = 20
    /// Characters of a label shown inside a box; the full label is in the tooltip.
    static let labelLimit = 32

    /// Lays out the view's graph with `top` pixels left free above the first layer (for a title).
    static func layout(_ view: PictureView, top: Int = 0) -> Result {
        let graph = view.graph
        let count = graph.nodes.count
        // Work in output order (rank space) so the drawing does not depend on insertion order.
        let widths = view.nodeOrder.map { boxWidth(graph.nodes[$0].label) }
        let edges = view.edgeOrder.map {
            (from: view.nodeRank[graph.edges[$0].from], to: view.nodeRank[graph.edges[$0].to])
        }
        let acyclic = LayeredAcyclic(nodeCount: count, edges: edges)
        let layers = acyclic.longestPathLayers()
        var virtual = LayeredVirtualGraph(
            layers: layers, widths: widths, discovery: acyclic.discoveryOrder, edges: edges,
            reversed: acyclic.reversed)
        virtual.reduceCrossings(sweeps: 4)
        let xs = virtual.assignX(passes: 4)

        let minX = virtual.nodeLayer.indices.map { xs[$0] - Double(virtual.width[$0]) / 2 }.min() ?? 0
        let shift = Double(margin) - minX
        func y(_ layer: Int) -> Int { margin + top + layer * (nodeHeight + layerGap) + nodeHeight / 2 }
        func x(_ v: Int) -> Int { Int((xs[v] + shift).rounded()) }

        var boxes = [Box](repeating: Box(x: 0, y: 0, width: 0, height: 0), count: count)
        var nodeLayers = [Int](repeating: 0, count: count)
        // The right edge of everything drawn, bend points included.
        var maxRight = 0
        for v in virtual.nodeLayer.indices { maxRight = max(maxRight, x(v) + virtual.width[v] / 2) }
        for rank in 0..<count {
            let graphIndex = view.nodeOrder[rank]
            boxes[graphIndex] = Box(x: x(rank), y: y(layers[rank]), width: widths[rank], height: nodeHeight)
            nodeLayers[graphIndex] = layers[rank]
        }
        var routes = [[Point]](repeating: [], count: graph.edges.count)
        var reversed = [Bool](repeating: false, count: graph.edges.count)
        for (rank, edge) in edges.enumerated() {
            let graphIndex = view.edgeOrder[rank]
            reversed[graphIndex] = acyclic.reversed[rank]
            let source = boxes[view.nodeOrder[edge.from]]
            if edge.from == edge.to {
                // A self-loop: a small hook on the box's right side.
                let right = source.x + source.width / 2
                routes[graphIndex] = [
                    Point(x: right, y: source.y - 8), Point(x: right + 22, y: source.y - 14),
                    Point(x: right + 22, y: source.y + 14), Point(x: right, y: source.y + 8),
                ]
                maxRight = max(maxRight, right + 24)
                continue
            }
            let target = boxes[view.nodeOrder[edge.to]]
            let downward = !acyclic.reversed[rank]
            let (upper, lower) = downward ? (source, target) : (target, source)
            var points = [Point(x: upper.x, y: upper.y + upper.height / 2)]
            for dummy in virtual.chain(ofEdge: rank) {
                points.append(Point(x: x(dummy), y: y(virtual.nodeLayer[dummy])))
            }
            points.append(Point(x: lower.x, y: lower.y - lower.height / 2))
            routes[graphIndex] = downward ? points : points.reversed()
        }
        let layerCount = (layers.max() ?? -1) + 1
        let height = margin * 2 + top + max(0, layerCount * (nodeHeight + layerGap) - layerGap)
        return Result(
            nodes: boxes, layers: nodeLayers, edgeRoutes: routes, reversed: reversed, width: maxRight + margin,
            height: height)
    }

    /// Width of a node's box for its (shortened) label at the pictures' 12 px font.
    static func boxWidth(_ label: String) -> Int {
        let shown = min(label.count, labelLimit)
        return max(60, shown * 7 + 20)
    }
}
