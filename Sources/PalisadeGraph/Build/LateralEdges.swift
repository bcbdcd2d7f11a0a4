import PalisadeKube

/// Lateral movement over the pod network, computed lazily so it stays near-linear.
///
/// All n² workload pairs are never materialised, neither as edges nor as decisions:
/// - Only *pivots* are targets: workloads from which some crown jewel is reachable without a
///   network move (a token with permissions, a mounted Secret, an escape). One reverse BFS per
///   jewel kind finds them and their distance to it.
/// - Only workloads an attacker can be in are sources: a forward BFS from the internet (and from
///   `--from` nodes) adds each reached workload's lateral edges when it is dequeued, so pivots
///   reached that way are expanded in turn.
/// - Pivots are grouped by what their ingress NetworkPolicies say (the selecting policies and the
///   target ports). Each distinct peer of the groups' ingress rules is matched against the
///   workloads once, giving every source the peers that select it and each peer its groups;
///   groups that admit everyone (not isolated, a rule without peers, `namespaceSelector: {}`) are
///   merged into one list per jewel kind shared by all sources.
/// - From each source, only the nearest admitting pivot per jewel kind gets an edge (at most three
///   edges per source): that is all a shortest path can use. Each kept edge is confirmed with
///   `NetworkReachability.decide` (egress and ingress), so an edge is always the engine's answer.
extension GraphAssembly {
    /// Pivots that NetworkPolicies treat alike as destinations.
    struct PivotGroup {
        var members: [Int] = []
        let policies: [Int]
        let ports: [(port: Int, proto: NetworkProtocol)]
        /// Not isolated for ingress, or some rule admits every source on a group port.
        var admitsEveryone = false
    }

    mutating func addLateralMovement() {
        let distances = jewelDistances()
        let groups = pivotGroups(distances)
        if groups.isEmpty { return }
        var matcher = PeerWorkloadMatcher(index: index, model: reachability.model)
        // Per jewel kind, each group's members by distance then id.
        let kinds = CrownJewel.allCases.indices
        let ordered: [[[Int]]] = kinds.map { j in
            groups.map { group in
                group.members.filter { distances[j][workloadNodes[$0]] >= 0 }.sorted {
                    closer($0, $1, distances[j])
                }
            }
        }
        // The members of groups that admit everyone, merged per jewel kind in the same order: for a
        // source no egress policy isolates, the first of them that is not itself is the best of all
        // those groups, so a source does not visit each of them (their number grows with the cluster).
        let everyone: [[(member: Int, group: Int)]] = kinds.map { j in
            groups.indices.filter { groups[$0].admitsEveryone }
                .flatMap { g in ordered[j][g].map { (member: $0, group: g) } }
                .sorted { closer($0.member, $1.member, distances[j]) }
        }
        let admission = peerAdmission(groups, &matcher)
        // Per jewel kind, each peer's groups by their nearest member: a source walks them in that
        // order and stops at the first group that cannot beat what it has.
        let groupsByPeer: [[[Int]]] = kinds.map { j in
            admission.groupsOfPeer.map { list in
                list.filter { !ordered[j][$0].isEmpty }.sorted {
                    closer(ordered[j][$0][0], ordered[j][$1][0], distances[j])
                }
            }
        }
        // Egress-isolated sources: what their egress policies leave them, once per distinct policy set.
        var egressViews: [[Int]: EgressView] = [:]
        var groupOf = [Int](repeating: -1, count: index.workloads.count)
        for (g, group) in groups.enumerated() { for w in group.members { groupOf[w] = g } }
        var visited = [Bool](repeating: false, count: graph.nodes.count)
        var queue: [Int] = [internetNode]
        for id in options.assumeCompromised { if let n = graph.index(of: id) { queue.append(n) } }
        for n in queue { visited[n] = true }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            if let s = workloadOfNode[u] {
                let egressPolicies = reachability.policies(selecting: index.workloads[s].endpoint, .egress)
                var view: EgressView?
                if !egressPolicies.isEmpty {
                    if let known = egressViews[egressPolicies] {
                        view = known
                    } else {
                        let targets = matcher.egressTargets(of: egressPolicies)
                        if let members = targets.members, members.count <= Self.fewEgressTargets {
                            view = .few(
                                kinds.map { j in
                                    members.filter { groupOf[$0] >= 0 && distances[j][workloadNodes[$0]] >= 0 }
                                        .sorted { closer($0, $1, distances[j]) }
                                })
                        } else {
                            view = .many(
                                targets.set, everyone.map { list in list.filter { targets.set.contains($0.member) } })
                        }
                        egressViews[egressPolicies] = view
                    }
                }
                for j in kinds {
                    var found: (Int, String)?
                    switch view {
                    case .few(let pivots):
                        for target in pivots[j] where target != s {
                            if let port = connects(index.workloads[s], target, ports: groups[groupOf[target]].ports) {
                                found = (target, port)
                                break
                            }
                        }
                    case .many(let filter, let open):
                        let candidates = Candidates(
                            open: open[j], peers: admission.peersOfSource[s], groupsByPeer: groupsByPeer[j],
                            ordered: ordered[j], egress: filter)
                        found = nearestPivot(from: s, candidates, distances[j], groups)
                    case nil:
                        let candidates = Candidates(
                            open: everyone[j], peers: admission.peersOfSource[s], groupsByPeer: groupsByPeer[j],
                            ordered: ordered[j], egress: nil)
                        found = nearestPivot(from: s, candidates, distances[j], groups)
                    }
                    guard let (target, port) = found else { continue }
                    let source = index.workloads[s]
                    let other = index.workloads[target]
                    graph.addEdge(
                        GraphEdge(
                            from: u, to: workloadNodes[target], kind: .networkReachable,
                            reason:
                                "NetworkPolicies let \(source.object.kind) \(source.namespace)/\(source.object.name) "
                                + "connect to \(other.object.kind) \(other.namespace)/\(other.object.name) on \(port)"))
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

    /// Up to this many egress targets, an egress-isolated source asks the engine about each
    /// reachable pivot, nearest first, rather than walking the groups that admit it.
    static let fewEgressTargets = 256

    /// What a set of egress policies leaves its sources (ignoring ports).
    private enum EgressView {
        /// They reach few workloads: the pivots among them, nearest first per jewel kind.
        case few([[Int]])
        /// They reach many: those as a filter, and the everyone-groups' members it keeps, per jewel kind.
        case many(WorkloadSet, [[(member: Int, group: Int)]])
    }

    /// Where one source looks for its nearest pivot toward one jewel kind.
    private struct Candidates {
        /// Members of the groups that admit everyone, nearest first (already past the egress filter).
        let open: [(member: Int, group: Int)]
        /// The peers (`PeerWorkloadMatcher` numbers) of isolated groups' ingress rules that select the source.
        let peers: [Int]
        /// Each peer's isolated groups, nearest member first.
        let groupsByPeer: [[Int]]
        /// Every group's members, nearest first.
        let ordered: [[Int]]
        /// What the source's egress policies can reach; `nil` when no egress policy selects it.
        let egress: WorkloadSet?
    }

    /// Nearer to the jewel first, then by id: the order paths and edges are chosen in.
    private func closer(_ a: Int, _ b: Int, _ distance: [Int32]) -> Bool {
        let (da, db) = (distance[workloadNodes[a]], distance[workloadNodes[b]])
        return da != db ? da < db : index.workloads[a].id < index.workloads[b].id
    }

    /// The admitting pivot closest to the jewel (then lowest id) that `decide` confirms, with the port.
    ///
    /// Members of a group share ingress policies and ports, so for a source that no egress policy
    /// isolates, `decide` answers alike for all of them: one failed member rules out its group, and
    /// the first member of the everyone-groups' merged list is the best of all of them. An isolated
    /// source skips the pivots its egress rules cannot reach before asking `decide`. Without this,
    /// every source tried every pivot or every group (quadratic in workloads).
    private func nearestPivot(
        from s: Int, _ candidates: Candidates, _ distance: [Int32], _ groups: [PivotGroup]
    ) -> (Int, String)? {
        var best: (target: Int, port: String, distance: Int32)?
        func beats(_ target: Int, _ d: Int32) -> Bool {
            guard let best else { return true }
            return d < best.distance
                || (d == best.distance && index.workloads[target].id < index.workloads[best.target].id)
        }
        for (target, g) in candidates.open where target != s {
            if let port = connects(index.workloads[s], target, ports: groups[g].ports) {
                best = (target, port, distance[workloadNodes[target]])
                break
            }
        }
        for peer in candidates.peers {
            for g in candidates.groupsByPeer[peer] {
                let members = candidates.ordered[g]
                // The group's nearest member bounds this group and every later one.
                if !beats(members[0], distance[workloadNodes[members[0]]]) { break }
                for target in members where target != s {
                    let d = distance[workloadNodes[target]]
                    if !beats(target, d) { break }
                    if let egress = candidates.egress, !egress.contains(target) { continue }
                    if let port = connects(index.workloads[s], target, ports: groups[g].ports) {
                        best = (target, port, d)
                        break
                    }
                    if candidates.egress == nil { break }
                }
            }
        }
        return best.map { ($0.target, $0.port) }
    }

    /// The first port (as `8080/TCP`) on which `decide` lets the source connect to the target.
    func connects(_ source: WorkloadInfo, _ target: Int, ports: [(port: Int, proto: NetworkProtocol)]) -> String? {
        let endpoint = index.workloads[target].endpoint
        for p in ports {
            if reachability.allows(
                from: .endpoint(source.endpoint), to: .endpoint(endpoint), port: p.port, protocol: p.proto)
            {
                return "\(p.port)/\(p.proto.rawValue)"
            }
        }
        return nil
    }

    /// The ports a pivot listens on: its declared container ports, else every representative port.
    func pivotPorts(_ endpoint: Int) -> [(port: Int, proto: NetworkProtocol)] {
        let ports = reachability.model.endpoints[endpoint].ports.map { (port: $0.number, proto: $0.proto) }
        return ports.isEmpty ? reachability.representativePorts(toward: .endpoint(endpoint)) : ports
    }

    /// Distance in edges from every node to the nearest jewel of each kind (`-1` = none), over the
    /// edges built so far: one reverse BFS per kind.
    func jewelDistances() -> [[Int32]] {
        let n = graph.nodes.count
        var incoming = [[Int32]](repeating: [], count: n)
        for edge in graph.edges { incoming[edge.to].append(Int32(edge.from)) }
        return CrownJewel.allCases.map { jewel in
            var dist = [Int32](repeating: -1, count: n)
            var queue: [Int] = graph.nodes.indices.filter { graph.nodes[$0].crownJewel == jewel }
            for j in queue { dist[j] = 0 }
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for u in incoming[v] where dist[Int(u)] < 0 {
                    dist[Int(u)] = dist[v] + 1
                    queue.append(Int(u))
                }
            }
            return dist
        }
    }

    /// Pivots grouped by (selecting ingress policies, ports).
    func pivotGroups(_ distances: [[Int32]]) -> [PivotGroup] {
        var groups: [PivotGroup] = []
        var byKey: [String: Int] = [:]
        for (w, workload) in index.workloads.enumerated()
        where distances.contains(where: { $0[workloadNodes[w]] > 0 }) {
            let policies = reachability.policies(selecting: workload.endpoint, .ingress)
            let ports = pivotPorts(workload.endpoint)
            var key = policies.map(String.init).joined(separator: ",") + "|"
            for p in ports { key += "\(p.port)/\(p.proto.rawValue)," }
            // Named policy ports resolve against the pod's port names: members must share those too.
            for p in reachability.model.endpoints[workload.endpoint].ports { key += "\(p.name ?? "")=\(p.number)," }
            if let g = byKey[key] {
                groups[g].members.append(w)
                continue
            }
            var group = PivotGroup(members: [w], policies: policies, ports: ports)
            group.admitsEveryone = policies.isEmpty || admitsEveryone(policies, ports, workload.endpoint)
            byKey[key] = groups.count
            groups.append(group)
        }
        return groups
    }

    /// Some ingress rule on one of the ports lists no peers, or a peer `namespaceSelector: {}`
    /// with no or an empty `podSelector`.
    private func admitsEveryone(_ policies: [Int], _ ports: [(port: Int, proto: NetworkProtocol)], _ endpoint: Int)
        -> Bool
    {
        for p in policies {
            for rule in reachability.model.policies[p].ingress
            where ports.contains(where: {
                reachability.portMatch(rule.ports, port: $0.port, proto: $0.proto, destination: .endpoint(endpoint))
                    != nil
            }) {
                guard let peers = rule.peers else { return true }
                for peer in peers {
                    if case .selectors(let pods, let namespaces) = peer.kind, namespaces?.isEmpty == true,
                        pods?.isEmpty ?? true
                    {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Which isolated groups admit whom, through the peers of their ingress rules.
    struct PeerAdmission {
        /// Per peer number: the isolated groups with an ingress rule on a group port naming it.
        var groupsOfPeer: [[Int]] = []
        /// Per workload: the peers (with groups) that select it.
        var peersOfSource: [[Int]]
    }

    /// Sources are listed per distinct peer, not per group: a broad peer (`env In (prod)`, an
    /// `ipBlock` over the pod network) repeated in many policies selects the same workloads, so
    /// listing each admitting group per source grew with policies × workloads.
    private func peerAdmission(_ groups: [PivotGroup], _ matcher: inout PeerWorkloadMatcher) -> PeerAdmission {
        var admission = PeerAdmission(peersOfSource: [[Int]](repeating: [], count: index.workloads.count))
        for (g, group) in groups.enumerated() where !group.admitsEveryone {
            let target = NetworkAddress.endpoint(index.workloads[group.members[0]].endpoint)
            for p in group.policies {
                let policy = reachability.model.policies[p]
                for rule in policy.ingress
                where group.ports.contains(where: {
                    reachability.portMatch(rule.ports, port: $0.port, proto: $0.proto, destination: target) != nil
                }) {
                    for peer in rule.peers ?? [] {
                        guard let id = matcher.peerID(peer, policyNamespace: policy.namespace) else { continue }
                        while admission.groupsOfPeer.count <= id { admission.groupsOfPeer.append([]) }
                        if admission.groupsOfPeer[id].last != g { admission.groupsOfPeer[id].append(g) }
                    }
                }
            }
        }
        for id in admission.groupsOfPeer.indices where !admission.groupsOfPeer[id].isEmpty {
            for w in matcher.matched[id] { admission.peersOfSource[w].append(id) }
        }
        return admission
    }
}
