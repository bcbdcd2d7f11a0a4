import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeGraph
import PalisadeKube

/// `palisade bench-cluster FILE [--queries N]`: hidden benchmark hook for cluster-scale analysis
/// (issue 8). Loads FILE once (a cluster dump, e.g. from scripts/gen-k8s-cluster.py), times each
/// phase with the monotonic clock (load, RBAC policy, escalation findings, network model,
/// NetworkPolicy findings, then N `who-can` and N `can-reach` queries on the built model) and prints
/// one JSON line. Queries are drawn from a seeded generator, so two runs ask the same questions.
struct BenchClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-cluster",
        abstract: "Benchmark RBAC, NetworkPolicy and attack-path analysis on one cluster dump.",
        shouldDisplay: false)

    @Argument(help: "A cluster dump: one or more manifest files or directories.")
    var paths: [String]

    @Option(help: "How many who-can and how many can-reach queries to time.")
    var queries: Int = 200

    @Option(help: "Seed of the query generator.")
    var seed: UInt64 = 1

    func validate() throws {
        guard queries >= 1 else { throw ValidationError("--queries must be at least 1") }
    }

    func run() throws {
        var phases: [(String, Double)] = []
        let clock = ContinuousClock()
        func timed<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
            let start = clock.now
            let value = try work()
            phases.append((name, Self.milliseconds(clock.now - start)))
            return value
        }
        let loaded = timed("load") { () -> KubeObjectLoader.Loaded in
            let (inputs, discoveryErrors) = ManifestDiscovery.expand(paths)
            var loaded = KubeObjectLoader().load(inputs)
            loaded.errors = discoveryErrors + loaded.errors
            return loaded
        }
        if !loaded.errors.isEmpty {
            for error in loaded.errors { FileHandle.standardError.write(Data("palisade: error: \(error)\n".utf8)) }
            throw ExitCode(2)
        }
        let objects = loaded.objects
        let policy = timed("rbacPolicy") { RBACPolicy(objects: objects) }
        let escalations = timed("rbacEscalations") { RBACEscalations(policy: policy, objects: objects).findings() }
        let reachability = timed("networkModel") { NetworkReachability(model: NetworkModel(objects: objects)) }
        let netpolFindings = timed("netpolFindings") { reachability.findings() }

        // The attack graph builds its own RBAC policy and network model (as `palisade paths` does),
        // so the total below counts that work twice: an upper bound for "graph plus all findings".
        let graph = timed("graphBuild") {
            AttackGraphBuilder(objects: objects, options: AttackGraphBuilder.Options()).build()
        }
        let pathFindings = timed("graphPaths") {
            AttackPathFindings.findings(AttackPathFinder(graph: graph.graph).paths(), in: graph.graph)
        }

        var random = SplitMix64(seed: seed)
        let authorizer = RBACAuthorizer(policy: policy)
        let whoCan = Self.whoCanQueries(queries, objects: objects, random: &random).map { request in
            let start = clock.now
            let lines = authorizer.whoCan(request).map { "\($0.subject.label) \($0.grant.path)" }
            return (Self.milliseconds(clock.now - start), lines.count)
        }
        let endpoints = reachability.model.endpoints
        let canReach = (0..<(endpoints.isEmpty ? 0 : queries)).map { _ in
            let from = endpoints[random.below(endpoints.count)]
            let to = endpoints[random.below(endpoints.count)]
            let port = to.ports.isEmpty ? 80 : to.ports[random.below(to.ports.count)].number
            let start = clock.now
            // Resolve the names as the CLI does, then decide and explain.
            let source = endpoints.firstIndex { $0.namespace == from.namespace && $0.name == from.name } ?? 0
            let target = endpoints.firstIndex { $0.namespace == to.namespace && $0.name == to.name } ?? 0
            let decision = reachability.decide(
                from: .endpoint(source), to: .endpoint(target), port: port, protocol: .tcp)
            let lines = reachability.explain(decision)
            return (Self.milliseconds(clock.now - start), decision.allowed ? lines.count : 0)
        }

        let counts: [(String, Int)] = [
            ("objects", objects.count),
            ("pods", Self.podCount(objects)),
            ("endpoints", endpoints.count),
            ("networkPolicies", reachability.model.policies.count),
            ("bindings", policy.clusterRoleBindings.count + policy.roleBindings.values.reduce(0) { $0 + $1.count }),
            ("rbacFindings", escalations.count),
            ("netpolFindings", netpolFindings.count),
            ("graphNodes", graph.graph.nodes.count),
            ("graphEdges", graph.graph.edges.count),
            ("pathFindings", pathFindings.count),
            ("whoCanAnswers", whoCan.reduce(0) { $0 + $1.1 }),
            ("canReachAllowed", canReach.filter { $0.1 > 0 }.count),
        ]
        var json = "{\"phasesMs\":{" + phases.map { "\"\($0.0)\":\(Self.fixed($0.1))" }.joined(separator: ",")
        let build = phases.reduce(0) { $0 + $1.1 }
        json += "},\"buildAndFindingsMs\":\(Self.fixed(build))"
        json += ",\"whoCanMs\":" + Self.distribution(whoCan.map(\.0))
        json += ",\"canReachMs\":" + Self.distribution(canReach.map(\.0))
        json += "," + counts.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
        FileHandle.standardOutput.write(Data(json.utf8))
    }

    /// Requests people ask: read/list secrets, create pods, exec, bind, impersonate, in a random
    /// namespace of the dump or cluster-wide.
    private static func whoCanQueries(_ n: Int, objects: [KubeObject], random: inout SplitMix64) -> [RBACRequest] {
        let namespaces = Array(Set(objects.compactMap(\.namespace))).sorted()
        let asks: [(verb: String, resource: String)] = [
            ("get", "secrets"), ("list", "secrets"), ("create", "pods"), ("create", "pods/exec"),
            ("bind", "clusterroles"), ("impersonate", "users"), ("delete", "deployments"), ("get", "nodes/proxy"),
        ]
        return (0..<n).map { _ in
            let ask = asks[random.below(asks.count)]
            let namespace =
                namespaces.isEmpty || random.below(5) == 0 ? nil : namespaces[random.below(namespaces.count)]
            return RBACRequest.parse(verb: ask.verb, resource: ask.resource, namespace: namespace).request
        }
    }

    /// Pods the dump stands for: bare Pods, the replicas of Deployments, StatefulSets, ReplicaSets and
    /// ReplicationControllers (1 when unset), and a DaemonSet's pods on every node the dump names.
    private static func podCount(_ objects: [KubeObject]) -> Int {
        let nodes = Set(objects.compactMap { $0.kind == "Pod" ? $0.spec?["nodeName"]?.string : nil }).count
        var pods = 0
        for object in objects {
            switch object.kind {
            case "Pod": pods += 1
            case "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController":
                pods += object.spec?["replicas"]?.int ?? 1
            case "DaemonSet": pods += max(nodes, 1)
            default: break
            }
        }
        return pods
    }

    private static func distribution(_ values: [Double]) -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "{\"n\":0}" }
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.down)))] }
        return "{\"n\":\(sorted.count),\"median\":\(fixed(at(0.5))),\"p99\":\(fixed(at(0.99))),"
            + "\"max\":\(fixed(sorted[sorted.count - 1]))}"
    }

    private static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    private static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// A small seeded generator (SplitMix64): the same seed asks the same queries on every machine.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (n > 0); the modulo bias is irrelevant for picking queries.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
