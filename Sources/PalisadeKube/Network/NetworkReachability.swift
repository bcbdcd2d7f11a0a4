/// Decides connections with Kubernetes NetworkPolicy semantics: a pod selected by no policy of a
/// direction is open in that direction; otherwise the union of the selecting policies' rules of
/// that direction is what it allows. Selection is computed once per endpoint, so queries after the
/// build only walk the rules of the policies that select the two sides.
public struct NetworkReachability: Sendable {
    public let model: NetworkModel
    private let ingressPolicies: [[Int]]
    private let egressPolicies: [[Int]]
    /// Short names (`namespace/name`) that more than one endpoint has.
    let ambiguousShortNames: Set<String>
    /// Per policy: whether its podSelector selects any endpoint (whatever its policyTypes).
    let selectsAnyEndpoint: [Bool]
    /// Every numeric port bound of every policy (`port` and `endPort + 1`), plus 1.
    let policyPortBounds: Set<Int>

    public init(model: NetworkModel) {
        self.model = model
        // Policies only select pods of their own namespace: index them by namespace first.
        var byNamespace: [String: [Int]] = [:]
        for (i, policy) in model.policies.enumerated() { byNamespace[policy.namespace, default: []].append(i) }
        var ingress: [[Int]] = []
        var egress: [[Int]] = []
        var selectsAny = [Bool](repeating: false, count: model.policies.count)
        for endpoint in model.endpoints {
            let selecting = (byNamespace[endpoint.namespace] ?? []).filter {
                model.policies[$0].podSelector.matches(endpoint.labels)
            }
            for p in selecting { selectsAny[p] = true }
            ingress.append(selecting.filter { model.policies[$0].affectsIngress })
            egress.append(selecting.filter { model.policies[$0].affectsEgress })
        }
        ingressPolicies = ingress
        egressPolicies = egress
        selectsAnyEndpoint = selectsAny
        var bounds: Set<Int> = [1]
        for policy in model.policies {
            for rule in policy.ingress + policy.egress {
                for entry in rule.ports ?? [] {
                    if case .range(let low, let high) = entry.port {
                        bounds.insert(low)
                        if high < 65535 { bounds.insert(high + 1) }
                    }
                }
            }
        }
        policyPortBounds = bounds
        var seen: Set<String> = []
        var twice: Set<String> = []
        for endpoint in model.endpoints where !seen.insert(endpoint.shortName).inserted {
            twice.insert(endpoint.shortName)
        }
        ambiguousShortNames = twice
    }

    /// Policies of `direction` selecting the endpoint at `index`.
    public func policies(selecting index: Int, _ direction: NetworkDirection) -> [Int] {
        direction == .ingress ? ingressPolicies[index] : egressPolicies[index]
    }

    public func decide(
        from source: NetworkAddress, to destination: NetworkAddress, port: Int, protocol proto: NetworkProtocol
    ) -> NetworkDecision {
        NetworkDecision(
            from: source, to: destination, port: port, proto: proto,
            egress: side(.egress, of: source, peer: destination, destination: destination, port: port, proto: proto),
            ingress: side(.ingress, of: destination, peer: source, destination: destination, port: port, proto: proto))
    }

    /// `decide(...).allowed` without the explanation: stops at the first admitting rule and
    /// allocates nothing, for callers that ask millions of times (the attack graph's lateral moves).
    public func allows(
        from source: NetworkAddress, to destination: NetworkAddress, port: Int, protocol proto: NetworkProtocol
    ) -> Bool {
        sideAllows(.egress, of: source, peer: destination, destination: destination, port: port, proto: proto)
            && sideAllows(.ingress, of: destination, peer: source, destination: destination, port: port, proto: proto)
    }

    private func sideAllows(
        _ direction: NetworkDirection, of subject: NetworkAddress, peer: NetworkAddress, destination: NetworkAddress,
        port: Int, proto: NetworkProtocol
    ) -> Bool {
        guard case .endpoint(let index) = subject else { return true }
        let selecting = policies(selecting: index, direction)
        if selecting.isEmpty { return true }
        for p in selecting {
            let rules = direction == .ingress ? model.policies[p].ingress : model.policies[p].egress
            for r in rules.indices
            where portMatch(rules[r].ports, port: port, proto: proto, destination: destination) != nil {
                guard let peers = rules[r].peers else { return true }
                for i in peers.indices
                where peerCovers(peers[i], address: peer, policyNamespace: model.policies[p].namespace) {
                    return true
                }
            }
        }
        return false
    }

    /// The verdict for the policies selecting `subject` in `direction`; `peer` is the other side,
    /// `destination` the pod named ports are resolved against.
    private func side(
        _ direction: NetworkDirection, of subject: NetworkAddress, peer: NetworkAddress, destination: NetworkAddress,
        port: Int, proto: NetworkProtocol
    ) -> NetworkDirectionDecision {
        guard case .endpoint(let index) = subject else {
            return NetworkDirectionDecision(direction: direction, applies: false, selectingPolicies: [], matches: [])
        }
        let selecting = policies(selecting: index, direction)
        var matches: [NetworkRuleMatch] = []
        // Fields are read in place: copying a NetworkPolicySpec or NetworkEndpoint (each holding its
        // object's YAML tree) cost two thirds of `palisade paths` on a 10,000-pod cluster in retains.
        for p in selecting {
            let rules = direction == .ingress ? model.policies[p].ingress : model.policies[p].egress
            for r in rules.indices {
                guard let portIndex = portMatch(rules[r].ports, port: port, proto: proto, destination: destination)
                else { continue }
                let portField = rules[r].ports == nil ? nil : portIndex
                if let peers = rules[r].peers {
                    for i in peers.indices
                    where peerCovers(peers[i], address: peer, policyNamespace: model.policies[p].namespace) {
                        matches.append(
                            NetworkRuleMatch(
                                policy: p, direction: direction, rule: rules[r].index, peer: i, port: portField))
                    }
                } else {
                    matches.append(
                        NetworkRuleMatch(
                            policy: p, direction: direction, rule: rules[r].index, peer: nil, port: portField))
                }
            }
        }
        return NetworkDirectionDecision(
            direction: direction, applies: true, selectingPolicies: selecting, matches: matches)
    }

    /// The index of the first port entry admitting `port/proto` (0 when the rule lists none), or `nil`.
    /// Named ports resolve against the destination pod; toward an external address they match nothing.
    public func portMatch(
        _ ports: [NetworkPolicyPort]?, port: Int, proto: NetworkProtocol, destination: NetworkAddress
    )
        -> Int?
    {
        guard let ports else { return 0 }
        for i in ports.indices where ports[i].proto == proto {
            switch ports[i].port {
            case .any: return i
            case .range(let low, let high): if low <= port && port <= high { return i }
            case .named(let name):
                guard case .endpoint(let d) = destination else { continue }
                let containerPorts = model.endpoints[d].ports
                if containerPorts.first(where: { $0.name == name && $0.proto == proto })?.number == port { return i }
            case .invalid: continue
            }
        }
        return nil
    }

    /// Whether a peer of a policy in `policyNamespace` covers `address`.
    func peerCovers(_ peer: NetworkPolicyPeer, address: NetworkAddress, policyNamespace: String) -> Bool {
        switch peer.kind {
        case .invalid:
            return false
        case .ipBlock(_, let addresses):
            switch address {
            case .external(let ip): return addresses.contains(ip)
            case .endpoint(let i): return model.endpoints[i].podIP.map { addresses.contains($0) } ?? false
            }
        case .selectors(let pods, let namespaces):
            guard case .endpoint(let i) = address else { return false }
            let namespaceOK =
                namespaces.map { $0.matches(model.labels(ofNamespace: model.endpoints[i].namespace)) }
                ?? (model.endpoints[i].namespace == policyNamespace)
            return namespaceOK && (pods?.matches(model.endpoints[i].labels) ?? true)
        }
    }
}
