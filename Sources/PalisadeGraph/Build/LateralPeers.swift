import PalisadeKube

/// A set of workload indices as a bit vector: egress filters are tested once per candidate pivot,
/// millions of times on a large cluster, so membership must be one load and a mask.
struct WorkloadSet: Sendable {
    private var words: [UInt64]

    init(count: Int, containingAll: Bool = false) {
        words = [UInt64](repeating: containingAll ? ~0 : 0, count: (count + 63) / 64)
    }

    mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

    func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}

/// Which workloads a NetworkPolicy peer selects, by namespace first and then by pod labels.
///
/// Peers are numbered by what they say (selectors, plus the policy's namespace when there is no
/// namespace selector; or the `ipBlock`'s addresses): generated and templated clusters repeat the
/// same peer in hundreds of policies, and matching one peer reads every workload of the namespaces
/// it selects. The answer is the same as `NetworkReachability`'s own peer test (`ipBlock` peers
/// match a pod's `status.podIP`).
struct PeerWorkloadMatcher {
    private enum PeerKey: Hashable {
        case selectors(pods: LabelSelector?, namespaces: LabelSelector?, policyNamespace: String?)
        case addresses(IPRangeSet)
    }

    private let index: ClusterIndex
    private let model: NetworkModel
    private let namespaces: [String]
    /// Workloads whose pod has an IP address, with it.
    private let addresses: [(workload: Int, ip: IPAddress)]
    private var ids: [PeerKey: Int] = [:]
    /// Namespaces per namespace selector: peers differing only in their pod selector share one.
    private var namespacesBySelector: [LabelSelector: [String]] = [:]
    /// Per namespace, the workloads carrying each `key=value` label, in index order: a pod selector
    /// with `matchLabels` or `In` reads only those, not the whole namespace once per policy.
    private let postings: [String: [String: [Int]]]
    /// The workloads each numbered peer selects, in index order within each namespace.
    private(set) var matched: [[Int]] = []

    init(index: ClusterIndex, model: NetworkModel) {
        self.index = index
        self.model = model
        namespaces = index.workloadsByNamespace.keys.sorted()
        addresses = index.workloads.indices.compactMap { w in
            model.endpoints[index.workloads[w].endpoint].podIP.map { (w, $0) }
        }
        var postings: [String: [String: [Int]]] = [:]
        for (ns, members) in index.workloadsByNamespace {
            var byLabel: [String: [Int]] = [:]
            for w in members {
                for (key, value) in index.workloads[w].labels { byLabel[key + "=" + value, default: []].append(w) }
            }
            postings[ns] = byLabel
        }
        self.postings = postings
    }

    /// The workloads of `namespace` that `pods` (`nil` = all) selects, in index order.
    private func workloads(in namespace: String, selectedBy pods: LabelSelector?) -> [Int] {
        let all = index.workloadsByNamespace[namespace] ?? []
        guard let pods, !pods.isEmpty else { return all }
        let byLabel = postings[namespace] ?? [:]
        var candidates: [Int]?
        for (key, value) in pods.matchLabels {
            let list = byLabel[key + "=" + value] ?? []
            if candidates == nil || list.count < candidates!.count { candidates = list }
        }
        if candidates == nil, let requirement = pods.matchExpressions.first(where: { $0.op == .in }) {
            candidates = Set(requirement.values.flatMap { byLabel[requirement.key + "=" + $0] ?? [] }).sorted()
        }
        return (candidates ?? all).filter { pods.matches(index.workloads[$0].labels) }
    }

    /// The number of `peer` of a policy in `policyNamespace` (equal peers share it); `nil` for an
    /// invalid peer, which selects nothing.
    mutating func peerID(_ peer: NetworkPolicyPeer, policyNamespace: String) -> Int? {
        let key: PeerKey
        switch peer.kind {
        case .invalid:
            return nil
        case .ipBlock(_, let block):
            key = .addresses(block)
        case .selectors(let pods, let namespaceSelector):
            key = .selectors(
                pods: pods, namespaces: namespaceSelector,
                policyNamespace: namespaceSelector == nil ? policyNamespace : nil)
        }
        if let id = ids[key] { return id }
        var out: [Int] = []
        switch peer.kind {
        case .invalid:
            break
        case .ipBlock(_, let block):
            out = addresses.filter { block.contains($0.ip) }.map(\.workload)
        case .selectors(let pods, let namespaceSelector):
            var selected = [policyNamespace]
            if let selector = namespaceSelector {
                selected =
                    namespacesBySelector[selector]
                    ?? namespaces.filter { selector.matches(model.labels(ofNamespace: $0)) }
                namespacesBySelector[selector] = selected
            }
            for ns in selected { out += workloads(in: ns, selectedBy: pods) }
        }
        ids[key] = matched.count
        matched.append(out)
        return matched.count - 1
    }

    /// The workloads the egress rules of `policies` let a pod send to on some port: a superset of
    /// what `NetworkReachability.allows` admits on any one port, so it can rule pivots out without
    /// asking the engine. `members` lists them, unless a rule without peers lets it send anywhere.
    mutating func egressTargets(of policies: [Int]) -> (set: WorkloadSet, members: [Int]?) {
        var set = WorkloadSet(count: index.workloads.count)
        var members: [Int] = []
        for p in policies {
            for rule in model.policies[p].egress {
                guard let peers = rule.peers else {
                    return (WorkloadSet(count: index.workloads.count, containingAll: true), nil)
                }
                for peer in peers {
                    guard let id = peerID(peer, policyNamespace: model.policies[p].namespace) else { continue }
                    for w in matched[id] where !set.contains(w) {
                        set.insert(w)
                        members.append(w)
                    }
                }
            }
        }
        return (set, members)
    }
}
