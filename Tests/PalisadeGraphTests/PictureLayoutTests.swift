import Testing

@testable import PalisadeGraph

@Suite struct PictureLayoutTests {
    static func layout(_ graph: AttackGraph) -> LayeredLayout.Result {
        LayeredLayout.layout(PictureView(graph: graph, paths: []))
    }

    /// The properties every layout must have: no two boxes overlap, every edge that is not
    /// reversed goes down at least one layer, reversed ones go up, and routes join the boxes.
    static func checkProperties(_ graph: AttackGraph, _ result: LayeredLayout.Result) {
        #expect(result.nodes.count == graph.nodes.count)
        for a in result.nodes.indices {
            let boxA = result.nodes[a]
            #expect(boxA.x - boxA.width / 2 >= 0 && boxA.x + boxA.width / 2 <= result.width)
            #expect(boxA.y - boxA.height / 2 >= 0 && boxA.y + boxA.height / 2 <= result.height)
            for b in result.nodes.indices where b > a {
                let boxB = result.nodes[b]
                let apartX = abs(boxA.x - boxB.x) * 2 >= boxA.width + boxB.width
                let apartY = abs(boxA.y - boxB.y) * 2 >= boxA.height + boxB.height
                #expect(apartX || apartY, "nodes \(a) and \(b) overlap")
            }
        }
        for (index, edge) in graph.edges.enumerated() {
            let route = result.edgeRoutes[index]
            #expect(route.count >= 2)
            #expect(route.allSatisfy { $0.x >= 0 && $0.x <= result.width && $0.y >= 0 && $0.y <= result.height })
            if edge.from == edge.to {
                #expect(!result.reversed[index])
                continue
            }
            let from = result.nodes[edge.from]
            let to = result.nodes[edge.to]
            if result.reversed[index] {
                #expect(result.layers[edge.to] < result.layers[edge.from], "reversed edge \(index) must point up")
                #expect(route.first == LayeredLayout.Point(x: from.x, y: from.y - from.height / 2))
                #expect(route.last == LayeredLayout.Point(x: to.x, y: to.y + to.height / 2))
            } else {
                #expect(result.layers[edge.to] > result.layers[edge.from], "edge \(index) must point down")
                #expect(route.first == LayeredLayout.Point(x: from.x, y: from.y + from.height / 2))
                #expect(route.last == LayeredLayout.Point(x: to.x, y: to.y - to.height / 2))
            }
            // A routed polyline moves monotonically in y.
            let ys = route.map(\.y)
            #expect(ys == (result.reversed[index] ? ys.sorted(by: >) : ys.sorted()))
        }
    }

    @Test func sampleGraphLaysOutTopDownWithItsCycleReversed() {
        let sample = PictureTestGraphs.sample()
        let result = Self.layout(sample.graph)
        Self.checkProperties(sample.graph, result)
        let internet = sample.graph.index(of: "internet")!
        #expect(result.layers[internet] == 0)
        // Exactly one edge of the role → workload → … → role cycle is drawn upwards.
        #expect(result.reversed.filter { $0 }.count == 1)
        #expect(result.layers[sample.graph.index(of: "cluster-admin")!] > result.layers[internet])
    }

    @Test func acyclicGraphsHaveNoReversedEdges() {
        var graph = AttackGraph()
        for i in 0..<60 { graph.addNode(GraphNode(id: "n\(i)", kind: .workload, label: "n\(i)")) }
        for i in 0..<60 {
            for step in [1, 3, 7] where i + step < 60 {
                graph.addEdge(GraphEdge(from: i, to: i + step, kind: .networkReachable, reason: ""))
            }
        }
        let result = Self.layout(graph)
        Self.checkProperties(graph, result)
        #expect(!result.reversed.contains(true))
        // Longest-path layering: node i sits on layer i in this chain.
        #expect(result.layers[59] == 59)
    }

    @Test func cyclesCliquesAndSelfLoopsTerminate() {
        var ring = AttackGraph()
        for i in 0..<40 { ring.addNode(GraphNode(id: "r\(i)", kind: .role, label: "r\(i)")) }
        for i in 0..<40 { ring.addEdge(GraphEdge(from: i, to: (i + 1) % 40, kind: .impersonate, reason: "")) }
        let ringLayout = Self.layout(ring)
        Self.checkProperties(ring, ringLayout)
        #expect(ringLayout.reversed.filter { $0 }.count == 1)

        var clique = AttackGraph()
        for i in 0..<8 { clique.addNode(GraphNode(id: "c\(i)", kind: .user, label: "c\(i)")) }
        for a in 0..<8 {
            for b in 0..<8 { clique.addEdge(GraphEdge(from: a, to: b, kind: .impersonate, reason: "")) }
        }
        Self.checkProperties(clique, Self.layout(clique))

        var loop = AttackGraph()
        loop.addNode(GraphNode(id: "alone", kind: .group, label: "alone"))
        loop.addEdge(GraphEdge(from: 0, to: 0, kind: .memberOfGroup, reason: ""))
        let loopLayout = Self.layout(loop)
        Self.checkProperties(loop, loopLayout)
        #expect(loopLayout.edgeRoutes[0].count == 4)
        #expect(loopLayout.edgeRoutes[0].allSatisfy { $0.x >= loopLayout.nodes[0].x })
    }

    @Test func disconnectedComponentsAndIsolatedNodesAllGetPlaces() {
        var graph = AttackGraph()
        for i in 0..<30 { graph.addNode(GraphNode(id: "d\(i)", kind: .secret, label: "secret number \(i)")) }
        for i in stride(from: 0, to: 20, by: 2) {
            graph.addEdge(GraphEdge(from: i, to: i + 1, kind: .secretHoldsToken, reason: ""))
        }
        let result = Self.layout(graph)
        Self.checkProperties(graph, result)
        #expect(Set(result.nodes.map { "\($0.x),\($0.y)" }).count == 30)
    }

    @Test func generatedGraphsWithLongEdgesAndCyclesKeepTheProperties() {
        for seed: UInt64 in [1, 2, 3] {
            let graph = PictureTestGraphs.generated(nodes: 150, edges: 450, seed: seed)
            Self.checkProperties(graph, Self.layout(graph))
        }
    }

    @Test func deepGraphsDrawTheirLongestEdgesStraight() {
        var graph = AttackGraph()
        for i in 0..<400 { graph.addNode(GraphNode(id: "c\(i)", kind: .workload, label: "c\(i)")) }
        for i in 0..<399 { graph.addEdge(GraphEdge(from: i, to: i + 1, kind: .networkReachable, reason: "")) }
        for i in 0..<300 { graph.addEdge(GraphEdge(from: i % 50, to: 399 - i % 40, kind: .execIntoPod, reason: "")) }
        let result = Self.layout(graph)
        Self.checkProperties(graph, result)
        // The chain is routed through no dummies (span 1); some long edges got bend points, the
        // longest did not: the bend points stay within the budget.
        let bends = result.edgeRoutes.map { $0.count - 2 }
        #expect(bends.prefix(399).allSatisfy { $0 == 0 })
        #expect(bends.contains { $0 > 0 })
        #expect(bends.filter { $0 == 0 }.count > 399)
        let budget = 4 * (400 + 699) + 1000
        #expect(bends.reduce(0, +) <= budget)
    }

    @Test func crossingsAreCountedAndAnOrderWithoutThemIsFound() {
        // a→c and b→d, with the lower layer first ordered [d, c]: one crossing.
        var graph = AttackGraph()
        for id in ["a", "b", "c", "d"] { graph.addNode(GraphNode(id: id, kind: .role, label: id)) }
        graph.addEdge(GraphEdge(from: 0, to: 2, kind: .boundToRole, reason: ""))
        graph.addEdge(GraphEdge(from: 1, to: 3, kind: .boundToRole, reason: ""))
        let edges = [(from: 0, to: 2), (from: 1, to: 3)]
        let acyclic = LayeredAcyclic(nodeCount: 4, edges: edges)
        var virtual = LayeredVirtualGraph(
            layers: acyclic.longestPathLayers(), widths: [60, 60, 60, 60], discovery: [0, 1, 3, 2], edges: edges,
            reversed: acyclic.reversed)
        #expect(virtual.crossings() == 1)
        virtual.reduceCrossings(sweeps: 4)
        #expect(virtual.crossings() == 0)
        let result = Self.layout(graph)
        #expect((result.nodes[0].x < result.nodes[1].x) == (result.nodes[2].x < result.nodes[3].x))
    }

    @Test func emptyGraphHasAnEmptyLayout() {
        let result = Self.layout(AttackGraph())
        #expect(result.nodes.isEmpty && result.edgeRoutes.isEmpty)
        #expect(result.width > 0 && result.height > 0)
    }

    @Test func longLabelsWidenBoxesUpToALimit() {
        #expect(LayeredLayout.boxWidth("a") == 60)
        #expect(LayeredLayout.boxWidth(String(repeating: "x", count: 20)) > 60)
        #expect(
            LayeredLayout.boxWidth(String(repeating: "x", count: 500))
                == LayeredLayout.boxWidth(String(repeating: "x", count: 32)))
    }
}
