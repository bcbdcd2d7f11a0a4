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
/// Selector peers are cached by their selectors (and the policy's namespace when there is no
/// namespace selector): generated and templated clusters repeat the same peer in hundreds of
/// policies, and matching one peer reads every workload of the namespaces it selects. The answer
/// is the same as `NetworkReachability`'s own peer test (`ipBlock` peers match a pod's `status.podIP`).
struct PeerWorkloadMatcher {
    private struct SelectorKey: Hashable {
        let pods: LabelSelector?
        let namespaces: LabelSelector?
        let policyNamespace: String?
    }

    private let index: ClusterIndex
    private let model: NetworkModel
    private let namespaces: [String]
    /// Workloads whose pod has an IP address, with it.
    private let addresses: [(workload: Int, ip: IPAddress)]
    private var cache: [SelectorKey: [Int]] = [:]

    init(index: ClusterIndex, model: NetworkModel) {
        self.index = index
        self.model = model
        namespaces = index.workloadsByNamespace.keys.sorted()
        addresses = index.workloads.indices.compactMap { w in
            model.endpoints[index.workloads[w].endpoint].podIP.map { (w, $0) }
        }
    }

    /// The workloads `peer` of a policy in `policyNamespace` selects, in index order within each namespace.
    mutating func workloads(matching peer: NetworkPolicyPeer, policyNamespace: String) -> [Int] {
        switch peer.kind {
        case .invalid:
            return []
        case .ipBlock(_, let block):
            return addresses.filter { block.contains($0.ip) }.map(\.workload)
        case .selectors(let pods, let namespaceSelector):
            let key = SelectorKey(
                pods: pods, namespaces: namespaceSelector,
                policyNamespace: namespaceSelector == nil ? policyNamespace : nil)
            if let hit = cache[key] { return hit }
            let selected =
                namespaceSelector.map { selector in
                    namespaces.filter { selector.matches(model.labels(ofNamespace: $0)) }
                } ?? [policyNamespace]
            var out: [Int] = []
            for ns in selected {
                for w in index.workloadsByNamespace[ns] ?? [] where pods?.matches(index.workloads[w].labels) ?? true {
                    out.append(w)
                }
            }
            cache[key] = out
            return out
        }
    }

    /// The workloads the egress rules of `policies` let a pod send to on some port: a superset of
    /// what `NetworkReachability.allows` admits on any one port, so it can rule pivots out without
    /// asking the engine.
    mutating func egressTargets(of policies: [Int]) -> WorkloadSet {
        var set = WorkloadSet(count: index.workloads.count)
        for p in policies {
            for rule in model.policies[p].egress {
                guard let peers = rule.peers else {
                    return WorkloadSet(count: index.workloads.count, containingAll: true)
                }
                for peer in peers {
                    for w in workloads(matching: peer, policyNamespace: model.policies[p].namespace) { set.insert(w) }
                }
            }
        }
        return set
    }
}
