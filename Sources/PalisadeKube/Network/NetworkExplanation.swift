extension NetworkReachability {
    /// How users see an address: `namespace/name` of an endpoint (`Kind/namespace/name` when
    /// another endpoint has the same short name), or the IP.
    public func describe(_ address: NetworkAddress) -> String {
        switch address {
        case .external(let ip): return ip.description
        case .endpoint(let i):
            let e = model.endpoints[i]
            return ambiguousShortNames.contains(e.shortName) ? e.qualifiedName : e.shortName
        }
    }

    /// The decision in lines: the verdict, then each direction with the policies that select the
    /// pod and the rules that admit the connection (or that none does), with file:line.
    public func explain(_ decision: NetworkDecision) -> [String] {
        var lines = [
            "\(decision.allowed ? "yes" : "no"): \(describe(decision.from)) -> \(describe(decision.to)) on "
                + "\(decision.port)/\(decision.proto.rawValue)"
        ]
        lines += explain(decision.egress, subject: decision.from)
        lines += explain(decision.ingress, subject: decision.to)
        return lines
    }

    private func explain(_ side: NetworkDirectionDecision, subject: NetworkAddress) -> [String] {
        let name = describe(subject)
        let what = side.direction == .egress ? "egress from \(name)" : "ingress to \(name)"
        guard side.applies else { return ["\(what): allowed (outside the cluster: no NetworkPolicy applies)"] }
        guard side.isolated else {
            return ["\(what): allowed (no NetworkPolicy with \(side.direction.policyType) selects it)"]
        }
        var lines = ["\(what): \(side.allowed ? "allowed" : "denied")"]
        for p in side.selectingPolicies {
            lines.append("  selected by \(model.policies[p].label)")
        }
        if side.matches.isEmpty {
            lines.append("  no \(side.direction.rawValue) rule of these policies admits it")
        }
        for match in side.matches {
            lines.append("  allowed by \(describe(match))")
        }
        return lines
    }

    /// `NetworkPolicy ns/name ingress[0].from[1] (file:line)`.
    public func describe(_ match: NetworkRuleMatch) -> String {
        let policy = model.policies[match.policy]
        let rule = policy.rules(match.direction).first { $0.index == match.rule }
        var path = "\(match.direction.rawValue)[\(match.rule)]"
        var line = rule?.node.mark.line ?? policy.object.mark.line
        if let peerIndex = match.peer, let peer = rule?.peers?[peerIndex] {
            path += ".\(match.direction == .ingress ? "from" : "to")[\(peerIndex)]"
            line = peer.node.mark.line
        } else {
            path += " (any \(match.direction == .ingress ? "source" : "destination"))"
        }
        if match.port == nil { path += " on any port" }
        return "NetworkPolicy \(policy.namespace)/\(policy.name) \(path) (\(policy.object.file):\(line))"
    }
}
