import PalisadeKube
import SeededRandom
import Testing

@testable import PalisadeGraph

private typealias F = GraphFixture

/// Lateral moves: each reached workload gets an edge to the nearest pivot (per crown-jewel kind)
/// that NetworkPolicies let it connect to, egress and ingress both, and no other.
@Suite struct LateralMovementTests {
    static let web = "workload:shop/Deployment/web"

    /// web is exposed; `near` (privileged) and `db` (privileged, tier=db) are pivots toward node root.
    static func docs(_ extra: [String]) -> [String] {
        [
            F.deployment("web", podSpec: "automountServiceAccountToken: false"), F.service("web"),
            F.deployment("a-near", sa: "x", container: "securityContext:\n  privileged: true"),
            F.deployment("b-db", sa: "y", container: "securityContext:\n  privileged: true"),
        ] + extra
    }

    static func egress(_ to: String) -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-egress
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes: [Egress]
        \(F.indent(to, 2))
        """
    }

    @Test func withoutEgressPoliciesTheNearestPivotByIdIsChosen() {
        let result = F.build(Self.docs([]))
        #expect(result.graph.hasEdge(Self.web, "workload:shop/Deployment/a-near", .networkReachable))
        #expect(!result.graph.hasEdge(Self.web, "workload:shop/Deployment/b-db", .networkReachable))
    }

    @Test func egressRulesSteerTheMoveToThePivotTheyAllow() {
        let policy = Self.egress(
            """
            egress:
            - to:
              - podSelector:
                  matchLabels:
                    app: b-db
            """)
        let result = F.build(Self.docs([policy]))
        #expect(!result.graph.hasEdge(Self.web, "workload:shop/Deployment/a-near", .networkReachable))
        #expect(result.graph.hasEdge(Self.web, "workload:shop/Deployment/b-db", .networkReachable))
    }

    @Test func egressDefaultDenyStopsEveryMove() {
        let result = F.build(Self.docs([Self.egress("egress: []")]))
        #expect(!result.graph.edges.contains { $0.kind == .networkReachable })
    }

    @Test func egressOnTheWrongPortStopsTheMove() {
        let policy = Self.egress(
            """
            egress:
            - ports:
              - port: 5432
            """)
        let result = F.build(Self.docs([policy]))
        #expect(!result.graph.edges.contains { $0.kind == .networkReachable })
    }

    /// Random small clusters: every lateral edge the builder makes, and every one it leaves out,
    /// agrees with a brute force over all workload pairs asking `NetworkReachability.allows`.
    @Test(arguments: 0..<150) func lateralEdgesMatchBruteForce(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let yaml = RandomCluster.yaml(&rng)
        let objects = F.objects(yaml)
        let graph = AttackGraphBuilder(objects: objects, options: .init(builtInRoles: false)).build().graph
        let reachability = NetworkReachability(model: NetworkModel(objects: objects))
        let endpoints = reachability.model.endpoints
        let nodeOf = endpoints.map { graph.index(of: GraphNodeID.workload($0.namespace, $0.kind, $0.name)) }

        // Distances to each jewel kind without lateral edges, and what the internet reaches with them.
        var incoming = [[Int]](repeating: [], count: graph.nodes.count)
        for e in graph.edges where e.kind != .networkReachable { incoming[e.to].append(e.from) }
        let distances: [[Int]] = CrownJewel.allCases.map { jewel in
            var dist = [Int](repeating: -1, count: graph.nodes.count)
            var queue = graph.nodes.indices.filter { graph.nodes[$0].crownJewel == jewel }
            for q in queue { dist[q] = 0 }
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for u in incoming[v] where dist[u] < 0 {
                    dist[u] = dist[v] + 1
                    queue.append(u)
                }
            }
            return dist
        }
        var reached = Set<Int>()
        var queue = [graph.index(of: GraphNodeID.internet)!]
        while let u = queue.popLast() {
            guard reached.insert(u).inserted else { continue }
            for e in graph.outgoing[u] { queue.append(graph.edges[e].to) }
        }

        for s in endpoints.indices {
            guard let sNode = nodeOf[s] else { continue }
            var expected = Set<Int>()
            if reached.contains(sNode) {
                for dist in distances {
                    var best: (t: Int, d: Int, id: String)?
                    for t in endpoints.indices where t != s {
                        guard let tNode = nodeOf[t], dist[tNode] > 0 else { continue }
                        let id = graph.nodes[tNode].id
                        if let b = best, (dist[tNode], id) >= (b.d, b.id) { continue }
                        let declared = endpoints[t].ports.map { (port: $0.number, proto: $0.proto) }
                        let ports = declared.isEmpty ? reachability.representativePorts(toward: .endpoint(t)) : declared
                        if ports.contains(where: {
                            reachability.allows(from: .endpoint(s), to: .endpoint(t), port: $0.port, protocol: $0.proto)
                        }) {
                            best = (tNode, dist[tNode], id)
                        }
                    }
                    if let best { expected.insert(best.t) }
                }
            }
            let actual = Set(
                graph.outgoing[sNode].map { graph.edges[$0] }.filter { $0.kind == .networkReachable }.map(\.to))
            #expect(
                actual == expected,
                "seed \(seed): \(graph.nodes[sNode].id) -> \(actual.map { graph.nodes[$0].id }.sorted()) expected \(expected.map { graph.nodes[$0].id }.sorted())\n\(yaml)"
            )
        }
    }
}

/// Small clusters with the NetworkPolicy shapes lateral movement must get right: pod and namespace
/// selectors (`In`/`NotIn`), `ipBlock` with `except` against pod IPs, rules without peers or
/// ports, named ports, egress and ingress isolation.
enum RandomCluster {
    static let tiers = ["web", "api", "db"]
    static let ports = [("http", 8080), ("pg", 5432)]

    static func yaml<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        let namespaces = ["ns0", "ns1", "ns2"]
        var docs: [String] = []
        for (i, ns) in namespaces.enumerated() {
            docs.append(
                """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: \(ns)
                  labels: {env: \(i == 2 ? "dev" : "prod"), kubernetes.io/metadata.name: \(ns)}
                """)
        }
        var apps: [(ns: String, name: String)] = []
        for i in 0..<Int.random(in: 5...10, using: &rng) {
            let ns = namespaces.randomElement(using: &rng)!
            let name = "w\(i)"
            let tier = tiers.randomElement(using: &rng)!
            let port = ports.randomElement(using: &rng)!
            let privileged = Int.random(in: 0..<3, using: &rng) == 0
            let bare = Int.random(in: 0..<3, using: &rng) == 0
            let spec = """
                serviceAccountName: sa\(i)
                automountServiceAccountToken: false
                containers:
                - name: c
                  image: nginx:1.25
                  ports:
                  - {name: \(port.0), containerPort: \(port.1)}
                  securityContext: {privileged: \(privileged)}
                """
            if bare {
                docs.append(
                    """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: \(name)
                      namespace: \(ns)
                      labels: {app: \(name), tier: \(tier)}
                    spec:
                    \(F.indent(spec, 2))
                    status:
                      podIP: 10.\(Int.random(in: 0...1, using: &rng)).0.\(i + 1)
                    """)
            } else {
                docs.append(
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: \(name)
                      namespace: \(ns)
                    spec:
                      selector:
                        matchLabels: {app: \(name)}
                      template:
                        metadata:
                          labels: {app: \(name), tier: \(tier)}
                        spec:
                    \(F.indent(spec, 6))
                    """)
            }
            apps.append((ns, name))
            if Int.random(in: 0..<3, using: &rng) == 0 {
                docs.append(F.service(name, ns: ns, app: name).replacingOccurrences(of: "8080", with: "\(port.1)"))
            }
        }
        for i in 0..<Int.random(in: 0...8, using: &rng) {
            let ns = namespaces.randomElement(using: &rng)!
            let selector: String
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: selector = "{}"
            case 1: selector = "{matchLabels: {tier: \(tiers.randomElement(using: &rng)!)}}"
            default: selector = "{matchLabels: {app: \(apps.randomElement(using: &rng)!.name)}}"
            }
            let types = [["Ingress"], ["Egress"], ["Ingress", "Egress"]].randomElement(using: &rng)!
            var spec = "podSelector: \(selector)\npolicyTypes: [\(types.joined(separator: ", "))]\n"
            for type in types {
                let key = type == "Ingress" ? "ingress" : "egress"
                let peerKey = type == "Ingress" ? "from" : "to"
                let rules = (0..<Int.random(in: 0...2, using: &rng)).map { _ in rule(peerKey, &rng) }
                spec += rules.isEmpty ? "\(key): []\n" : "\(key):\n" + rules.joined(separator: "\n") + "\n"
            }
            docs.append(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: np\(i)
                  namespace: \(ns)
                spec:
                \(F.indent(spec, 2))
                """)
        }
        return docs.joined(separator: "\n---\n")
    }

    static func rule<G: RandomNumberGenerator>(_ peerKey: String, _ rng: inout G) -> String {
        let peers = [
            "- podSelector: {matchLabels: {tier: \(tiers.randomElement(using: &rng)!)}}",
            "- namespaceSelector: {}",
            "- namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}\n"
                + "  podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}",
            "- ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}",
            "- namespaceSelector: {matchLabels: {env: dev}}",
            "- podSelector: {matchExpressions: [{key: tier, operator: In, values: [web, api]}]}",
            "- namespaceSelector: {}\n  podSelector: {matchLabels: {tier: \(tiers.randomElement(using: &rng)!)}}",
        ]
        var text = "- "
        var first = true
        func field(_ line: String) {
            text += (first ? "" : "  ") + line + "\n"
            first = false
        }
        if Int.random(in: 0..<4, using: &rng) > 0 {
            let chosen = (0..<Int.random(in: 1...2, using: &rng)).map { _ in peers.randomElement(using: &rng)! }
            field("\(peerKey):")
            for p in chosen { text += F.indent(p, 2) + "\n" }
        }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: field("ports: [{port: 8080}]")
        case 1: field("ports: [{port: pg}]")
        case 2: field("ports: [{port: 5000, endPort: 9000}]")
        default: break
        }
        if first { text += "{}\n" }
        return String(text.dropLast())
    }
}
