import Testing

@testable import PalisadeGraph

@Suite struct AttackGraphModelTests {
    @Test func nodesAreKeptOncePerIdAndEdgesOncePerKind() {
        var graph = AttackGraph()
        let internet = graph.addNode(GraphNode(id: "internet", kind: .internet, label: "internet"))
        let web = graph.addNode(GraphNode(id: "workload:a/Deployment/web", kind: .workload, label: "Deployment a/web"))
        let again = graph.addNode(
            GraphNode(id: "workload:a/Deployment/web", kind: .workload, label: "other", crownJewel: .nodeRoot))
        #expect(web == again)
        #expect(graph.nodes[web].label == "Deployment a/web")
        #expect(graph.nodes[web].crownJewel == .nodeRoot)
        let first = graph.addEdge(GraphEdge(from: internet, to: web, kind: .exposedByIngress, reason: "one"))
        let second = graph.addEdge(GraphEdge(from: internet, to: web, kind: .exposedByIngress, reason: "two"))
        let other = graph.addEdge(GraphEdge(from: internet, to: web, kind: .exposedByNodePort, reason: "three"))
        #expect(first == second)
        #expect(other != first)
        #expect(graph.edges.count == 2)
        #expect(graph.outgoing[internet] == [first, other])
        #expect(graph.outgoing[web].isEmpty)
    }

    @Test func everyEdgeKindMapsToAMitreContainersTechnique() {
        #expect(GraphEdgeKind.allCases.count >= 25)
        for kind in GraphEdgeKind.allCases {
            #expect(kind.mitre.id.hasPrefix("T1"), "\(kind)")
            #expect(!kind.summary.isEmpty)
        }
        #expect(Set(GraphEdgeKind.allCases.map(\.rawValue)).count == GraphEdgeKind.allCases.count)
    }

    @Test func pathListsItsNodesInWalkingOrder() {
        var graph = AttackGraph()
        let a = graph.addNode(GraphNode(id: "a", kind: .internet, label: "a"))
        let b = graph.addNode(GraphNode(id: "b", kind: .service, label: "b"))
        let c = graph.addNode(GraphNode(id: "c", kind: .clusterAdmin, label: "c", crownJewel: .clusterAdmin))
        let e1 = graph.addEdge(GraphEdge(from: a, to: b, kind: .exposedByLoadBalancer, reason: ""))
        let e2 = graph.addEdge(GraphEdge(from: b, to: c, kind: .grantsEverything, reason: ""))
        let path = AttackPath(edges: [e1, e2], jewel: .clusterAdmin)
        #expect(path.nodes(in: graph) == [a, b, c])
        #expect(path.length == 2)
    }
}

@Suite struct AttackGraphFocusTests {
    @Test func keepsOnlyPathNodesAndTheEdgesAmongThem() {
        var graph = AttackGraph()
        let internet = graph.addNode(GraphNode(id: "internet", kind: .internet, label: "internet"))
        let web = graph.addNode(GraphNode(id: "w", kind: .workload, label: "w"))
        let other = graph.addNode(GraphNode(id: "o", kind: .workload, label: "o"))
        let admin = graph.addNode(
            GraphNode(id: "cluster-admin", kind: .clusterAdmin, label: "cluster-admin", crownJewel: .clusterAdmin))
        graph.addEdge(GraphEdge(from: internet, to: other, kind: .exposedByHostPort, reason: ""))
        let e1 = graph.addEdge(GraphEdge(from: internet, to: web, kind: .exposedByLoadBalancer, reason: ""))
        let e2 = graph.addEdge(GraphEdge(from: web, to: admin, kind: .grantsEverything, reason: ""))
        graph.addEdge(GraphEdge(from: web, to: internet, kind: .networkReachable, reason: "back"))
        let (focused, paths) = graph.focused(on: [AttackPath(edges: [e1, e2], jewel: .clusterAdmin)])
        #expect(focused.nodes.map(\.id) == ["internet", "w", "cluster-admin"])
        #expect(focused.edges.count == 3)
        #expect(focused.node("o") == nil)
        #expect(paths.count == 1)
        #expect(paths[0].nodes(in: focused).map { focused.nodes[$0].id } == ["internet", "w", "cluster-admin"])
    }
}
