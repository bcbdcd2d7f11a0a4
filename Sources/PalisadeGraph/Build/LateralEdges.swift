import PalisadeKube

/// Lateral movement over the pod network, computed lazily so it stays near-linear.
///
/// All n² workload pairs are never materialised. An edge is only useful on a path when it leads
/// into a *pivot* — a workload from which some crown jewel is reachable without further network
/// moves (a token with permissions, a mounted Secret, an escape) — and starts from a workload an
/// attacker can already be in. So pivots are found with one reverse BFS from the crown jewels, and
/// a forward BFS from the internet (and from `--from` nodes) adds, for each workload it reaches,
/// edges to the pivots NetworkPolicies let it connect to; pivots reached that way are expanded in
/// turn. Decisions are shared between sources with the same namespace, labels and pod IP (they
/// are selected by the same policies and matched by the same peers), and a pivot whose ingress
/// rules admit only its own namespace is not tried from other namespaces.
extension GraphAssembly {
    struct Pivot {
        let workload: Int
        /// Some ingress rule may admit pods of other namespaces (or it is not isolated).
        let crossNamespace: Bool
        let ports: [(port: Int, proto: NetworkProtocol)]
        let ingressIsolated: Bool
    }

    mutating func addLateralMovement() {
        let pivots = findPivots()
        if pivots.isEmpty { return }
        var byNamespace: [String: [Int]] = [:]
        var crossNamespace: [Int] = []
        for (i, pivot) in pivots.enumerated() {
            byNamespace[index.workloads[pivot.workload].namespace, default: []].append(i)
            if pivot.crossNamespace { crossNamespace.append(i) }
        }
        var cache: [String: [(pivot: Int, port: String)]] = [:]
        var visited = [Bool](repeating: false, count: graph.nodes.count)
        var queue: [Int] = [internetNode]
        for id in options.assumeCompromised { if let n = graph.index(of: id) { queue.append(n) } }
        for n in queue { visited[n] = true }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            if let s = workloadOfNode[u] {
                let source = index.workloads[s]
                let key = Self.classKey(source, reachability.model.endpoints[source.endpoint])
                let reached: [(pivot: Int, port: String)]
                if let known = cache[key] {
                    reached = known
                } else {
                    var candidates = byNamespace[source.namespace] ?? []
                    for p in crossNamespace where index.workloads[pivots[p].workload].namespace != source.namespace {
                        candidates.append(p)
                    }
                    reached = candidates.compactMap { p in connects(source, pivots[p]).map { (p, $0) } }
                    cache[key] = reached
                }
                let label = "\(source.object.kind) \(source.namespace)/\(source.object.name)"
                for (p, port) in reached where pivots[p].workload != s {
                    let target = index.workloads[pivots[p].workload]
                    graph.addEdge(
                        GraphEdge(
                            from: u, to: workloadNodes[pivots[p].workload], kind: .networkReachable,
                            reason:
                                "NetworkPolicies let \(label) connect to \(target.object.kind) "
                                + "\(target.namespace)/\(target.object.name) on \(port)"))
                }
            }
            for e in graph.outgoing[u] {
                let v = graph.edges[e].to
                if !visited[v] {
                    visited[v] = true
                    queue.append(v)
                }
            }
        }
    }

    /// Sources alike for every policy: same namespace, labels and pod IP.
    static func classKey(_ workload: WorkloadInfo, _ endpoint: NetworkEndpoint) -> String {
        var key = workload.namespace + "\u{1}"
        for (k, v) in workload.labels.sorted(by: { $0.key < $1.key }) { key += k + "=" + v + "\u{1}" }
        if let ip = endpoint.podIP { key += "\(ip)" }
        return key
    }

    /// The first port (as `8080/TCP`) on which the source may connect to the pivot, or `nil`.
    func connects(_ source: WorkloadInfo, _ pivot: Pivot) -> String? {
        guard let first = pivot.ports.first else { return nil }
        let egressIsolated = !reachability.policies(selecting: source.endpoint, .egress).isEmpty
        if !egressIsolated && !pivot.ingressIsolated {
            return "\(first.port)/\(first.proto.rawValue) (no NetworkPolicy isolates either side)"
        }
        let target = index.workloads[pivot.workload].endpoint
        for p in pivot.ports {
            let decision = reachability.decide(
                from: .endpoint(source.endpoint), to: .endpoint(target), port: p.port, protocol: p.proto)
            if decision.allowed { return "\(p.port)/\(p.proto.rawValue)" }
        }
        return nil
    }

    /// Workloads from which a crown jewel is reachable: one reverse BFS over the edges built so far.
    func findPivots() -> [Pivot] {
        let n = graph.nodes.count
        var incoming = [[Int32]](repeating: [], count: n)
        for edge in graph.edges { incoming[edge.to].append(Int32(edge.from)) }
        var reached = [Bool](repeating: false, count: n)
        var queue: [Int] = graph.nodes.indices.filter { graph.nodes[$0].crownJewel != nil }
        for j in queue { reached[j] = true }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for u in incoming[v] where !reached[Int(u)] {
                reached[Int(u)] = true
                queue.append(Int(u))
            }
        }
        var out: [Pivot] = []
        for (w, workload) in index.workloads.enumerated() where reached[workloadNodes[w]] {
            let endpoint = reachability.model.endpoints[workload.endpoint]
            var ports = endpoint.ports.map { (port: $0.number, proto: $0.proto) }
            if ports.isEmpty { ports = reachability.representativePorts(toward: .endpoint(workload.endpoint)) }
            let selecting = reachability.policies(selecting: workload.endpoint, .ingress)
            var cross = selecting.isEmpty
            for p in selecting where !cross {
                for rule in reachability.model.policies[p].ingress where !cross {
                    guard let peers = rule.peers else {
                        cross = true
                        break
                    }
                    for peer in peers {
                        switch peer.kind {
                        case .selectors(_, let namespaces) where namespaces != nil: cross = true
                        case .ipBlock: cross = true
                        default: break
                        }
                    }
                }
            }
            out.append(Pivot(workload: w, crossNamespace: cross, ports: ports, ingressIsolated: !selecting.isEmpty))
        }
        return out
    }
}
