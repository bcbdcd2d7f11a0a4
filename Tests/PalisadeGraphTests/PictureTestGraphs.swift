import Foundation
import PalisadeCore

@testable import PalisadeGraph

/// Hand-built graphs for the picture tests (the builder is tested on its own).
enum PictureTestGraphs {
    /// A label no manifest should contain, and every picture must survive: quotes, markup, a CDATA
    /// end, a script end, an HTML comment start, entities, Mermaid syntax, a newline, a backslash
    /// escape Graphviz would interpret, and non-ASCII text.
    static let hostile = "Deployment \"team-a\"/web</script><!--<b>&amp;]]>|x[1]{2};#35;`\n\\N ünïcødé ☃"

    struct Sample {
        var graph = AttackGraph()
        var paths: [AttackPath] = []
        var hostileNode = 0
    }

    static func location(_ line: Int) -> Location {
        Location(file: "manifests/app.yaml", line: line, column: 3, path: "spec")
    }

    /// Internet → ingress → service → workload → container → service account → role → cluster-admin,
    /// a container escape to a node, a second namespace, a cycle and a self-loop.
    static func sample() -> Sample {
        var s = Sample()
        var g = AttackGraph()
        let internet = g.addNode(GraphNode(id: "internet", kind: .internet, label: "internet"))
        let ingress = g.addNode(
            GraphNode(
                id: "ingress:team-a/web", kind: .ingress, label: "Ingress team-a/web", namespace: "team-a",
                location: location(1)))
        let service = g.addNode(
            GraphNode(id: "service:team-a/web", kind: .service, label: "Service team-a/web", namespace: "team-a"))
        let workload = g.addNode(
            GraphNode(
                id: "workload:team-a/Deployment/web", kind: .workload, label: hostile, namespace: "team-a",
                location: location(20)))
        let container = g.addNode(
            GraphNode(
                id: "container:team-a/Deployment/web/app", kind: .container, label: "container app",
                namespace: "team-a"))
        let account = g.addNode(
            GraphNode(
                id: "serviceaccount:team-a/builder", kind: .serviceAccount, label: "ServiceAccount team-a/builder",
                namespace: "team-a"))
        let role = g.addNode(
            GraphNode(id: "role:ClusterRole/admin-ish", kind: .role, label: "ClusterRole admin-ish <all>"))
        let admin = g.addNode(
            GraphNode(id: "cluster-admin", kind: .clusterAdmin, label: "cluster-admin", crownJewel: .clusterAdmin))
        let node = g.addNode(GraphNode(id: "node:any", kind: .node, label: "any node", crownJewel: .nodeRoot))
        let other = g.addNode(
            GraphNode(
                id: "workload:team-b/Deployment/api", kind: .workload, label: "Deployment team-b/api",
                namespace: "team-b"))
        let secrets = g.addNode(
            GraphNode(
                id: "secrets:team-b", kind: .namespaceSecrets, label: "Secrets of team-b", namespace: "team-b"))
        let e1 = g.addEdge(
            GraphEdge(from: internet, to: ingress, kind: .exposedByIngress, reason: "Ingress has a public host & rule"))
        let e2 = g.addEdge(
            GraphEdge(from: ingress, to: service, kind: .ingressRoutesToService, reason: "rule \"/\" → web"))
        let e3 = g.addEdge(
            GraphEdge(from: service, to: workload, kind: .serviceSelectsWorkload, reason: "selector app=web"))
        let e4 = g.addEdge(
            GraphEdge(
                from: workload, to: container, kind: .runsContainer, reason: "container app", location: location(25)))
        let e5 = g.addEdge(
            GraphEdge(
                from: container, to: account, kind: .tokenMounted, reason: "automountServiceAccountToken</script>"))
        let e6 = g.addEdge(GraphEdge(from: account, to: role, kind: .boundToRole, reason: "ClusterRoleBinding builder"))
        let e7 = g.addEdge(GraphEdge(from: role, to: admin, kind: .grantsEverything, reason: "rules: * on *"))
        g.addEdge(GraphEdge(from: container, to: node, kind: .privilegedEscape, reason: "privileged: true"))
        g.addEdge(GraphEdge(from: workload, to: other, kind: .networkReachable, reason: "no NetworkPolicy"))
        g.addEdge(GraphEdge(from: other, to: secrets, kind: .secretMounted, reason: "envFrom"))
        // A cycle (role can exec back into the workload) and a self-loop.
        g.addEdge(GraphEdge(from: role, to: workload, kind: .execIntoPod, reason: "pods/exec"))
        g.addEdge(GraphEdge(from: account, to: account, kind: .impersonate, reason: "impersonate itself"))
        s.graph = g
        s.paths = [AttackPath(edges: [e1, e2, e3, e4, e5, e6, e7], jewel: .clusterAdmin)]
        s.hostileNode = workload
        return s
    }

    /// The same nodes and edges added in a different order.
    static func shuffled(_ sample: Sample) -> Sample {
        var g = AttackGraph()
        var map: [Int: Int] = [:]
        for index in sample.graph.nodes.indices.reversed() { map[index] = g.addNode(sample.graph.nodes[index]) }
        var edgeMap: [Int: Int] = [:]
        for index in sample.graph.edges.indices.reversed() {
            var edge = sample.graph.edges[index]
            edge.from = map[edge.from]!
            edge.to = map[edge.to]!
            edgeMap[index] = g.addEdge(edge)
        }
        var out = Sample()
        out.graph = g
        out.paths = sample.paths.map { AttackPath(edges: $0.edges.map { edgeMap[$0]! }, jewel: $0.jewel) }
        out.hostileNode = map[sample.hostileNode]!
        return out
    }

    /// A random-ish graph of `nodes` nodes and about `edges` edges, deterministic for a seed.
    static func generated(nodes: Int, edges: Int, seed: UInt64 = 7) -> AttackGraph {
        var g = AttackGraph()
        let kinds = GraphNodeKind.allCases
        for i in 0..<nodes {
            g.addNode(
                GraphNode(id: "n\(i)", kind: kinds[i % kinds.count], label: "node \(i)", namespace: "ns\(i % 3)"))
        }
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<edges where nodes > 0 {
            let kind = GraphEdgeKind.allCases[next() % GraphEdgeKind.allCases.count]
            g.addEdge(GraphEdge(from: next() % nodes, to: next() % nodes, kind: kind, reason: "r"))
        }
        return g
    }

    static func picture(_ sample: Sample, title: String = "Attack graph \"<test>\"") -> GraphPicture {
        GraphPicture(graph: sample.graph, paths: sample.paths, title: title)
    }
}

/// Finding programs the tests need on PATH, and whether CI demands them.
enum PictureTestTools {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
