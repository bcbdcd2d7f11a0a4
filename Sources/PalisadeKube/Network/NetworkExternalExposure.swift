extension NetworkReachability {
    /// Every address outside the model a direction of an endpoint admits on `port/proto`: all of
    /// them when no policy of that direction selects it or a matching rule lists no peers,
    /// otherwise the union of the matching rules' `ipBlock`s. Toward an external address
    /// (egress) named ports match nothing, as there is no pod to resolve them against.
    public func admittedExternalAddresses(
        _ direction: NetworkDirection, endpoint index: Int, port: Int, protocol proto: NetworkProtocol
    ) -> IPRangeSet {
        let selecting = policies(selecting: index, direction)
        if selecting.isEmpty { return .everything }
        let destination: NetworkAddress = direction == .ingress ? .endpoint(index) : .external(IPAddress.first(.v4))
        var set = IPRangeSet()
        for p in selecting {
            for rule in model.policies[p].rules(direction)
            where portMatch(rule.ports, port: port, proto: proto, destination: destination) != nil {
                guard let peers = rule.peers else { return .everything }
                for peer in peers {
                    if case .ipBlock(_, let addresses) = peer.kind { set.formUnion(addresses) }
                }
            }
        }
        return set
    }

    /// An internet address (see `IPRangeSet.internet`) the direction admits on `port/proto`, or `nil`.
    public func internetAddress(
        _ direction: NetworkDirection, endpoint index: Int, port: Int, protocol proto: NetworkProtocol
    ) -> IPAddress? {
        admittedExternalAddresses(direction, endpoint: index, port: port, protocol: proto)
            .intersection(.internet).ranges.first?.lowerBound
    }

    /// Ports on which every decision toward `destination` is the same as on any port between two
    /// neighbours: the policies' port bounds and the destination's container ports (named ports
    /// resolve to those), so checking these answers "on any port?" exactly. Each for every protocol.
    public func representativePorts(toward destination: NetworkAddress?) -> [(port: Int, proto: NetworkProtocol)] {
        var bounds = policyPortBounds
        if case .endpoint(let d) = destination {
            for p in model.endpoints[d].ports where (1...65535).contains(p.number) {
                bounds.insert(p.number)
                if p.number < 65535 { bounds.insert(p.number + 1) }
            }
        }
        let sorted = bounds.sorted()
        return NetworkProtocol.allCases.flatMap { proto in sorted.map { (port: $0, proto: proto) } }
    }

    /// Whether the endpoint admits ingress from every pod of every namespace (on some port): it is
    /// not isolated for ingress, or a rule lists no peers, or a peer is `namespaceSelector: {}` with
    /// no or an empty `podSelector`. Returns the admitting policy index, or `-1` when not isolated.
    public func admitsEveryPod(endpoint index: Int) -> (policy: Int, rule: Int)? {
        let selecting = policies(selecting: index, .ingress)
        if selecting.isEmpty { return (-1, -1) }
        for p in selecting {
            for rule in model.policies[p].ingress where rule.ports?.contains(where: { $0.port != .invalid }) ?? true {
                guard let peers = rule.peers else { return (p, rule.index) }
                for peer in peers {
                    if case .selectors(let pods, let namespaces) = peer.kind, namespaces?.isEmpty == true,
                        pods?.isEmpty ?? true
                    {
                        return (p, rule.index)
                    }
                }
            }
        }
        return nil
    }
}
