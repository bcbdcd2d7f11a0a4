import PalisadeFormats

/// Reads `networking.k8s.io` NetworkPolicies into `NetworkPolicySpec`s. Whatever the API server
/// would reject is recorded as a problem and made to match nothing; the rest of the policy is
/// still evaluated.
enum NetworkPolicyParser {
    /// A selector field of a policy; its problems become the policy's problems (findings).
    static func selector(_ node: YAMLNode, problems: inout [NetworkPolicyProblem]) -> LabelSelector {
        let (selector, found) = LabelSelector.parse(node)
        problems += found.map { NetworkPolicyProblem(message: $0.message, node: $0.node) }
        return selector
    }

    static func isNetworkPolicy(_ object: KubeObject) -> Bool {
        object.kind == "NetworkPolicy" && object.apiGroup == "networking.k8s.io"
    }

    static func parse(_ object: KubeObject) -> NetworkPolicySpec {
        var problems: [NetworkPolicyProblem] = []
        let spec = object.spec
        var podSelector = LabelSelector()
        if let node = spec?["podSelector"], !node.isNull {
            podSelector = NetworkPolicyParser.selector(node, problems: &problems)
        }
        let ingress = rules(spec?["ingress"], direction: .ingress, problems: &problems)
        let egress = rules(spec?["egress"], direction: .egress, problems: &problems)
        var affectsIngress = true
        var affectsEgress = !egress.isEmpty
        if let types = spec?["policyTypes"], let items = types.items, !items.isEmpty {
            affectsIngress = false
            affectsEgress = false
            for item in items {
                switch item.string {
                case "Ingress": affectsIngress = true
                case "Egress": affectsEgress = true
                default:
                    problems.append(
                        NetworkPolicyProblem(
                            message:
                                "policyTypes entry \"\(item.string ?? item.typeName)\" is neither Ingress nor Egress",
                            node: item))
                }
            }
        }
        return NetworkPolicySpec(
            object: object, namespace: object.namespace ?? "default", podSelector: podSelector,
            affectsIngress: affectsIngress, affectsEgress: affectsEgress, ingress: ingress, egress: egress,
            problems: problems)
    }

    private static func rules(
        _ node: YAMLNode?, direction: NetworkDirection, problems: inout [NetworkPolicyProblem]
    ) -> [NetworkPolicyRule] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else {
            problems.append(NetworkPolicyProblem(message: "\(direction.rawValue) is not a list", node: node))
            return []
        }
        let peerKey = direction == .ingress ? "from" : "to"
        return items.enumerated().map { index, item in
            var peers: [NetworkPolicyPeer]?
            if let list = item[peerKey]?.items, !list.isEmpty {
                peers = list.map { peer($0, problems: &problems) }
            }
            var ports: [NetworkPolicyPort]?
            if let list = item["ports"]?.items, !list.isEmpty {
                ports = list.map { port($0, problems: &problems) }
            }
            return NetworkPolicyRule(index: index, peers: peers, ports: ports, node: item)
        }
    }

    private static func peer(_ node: YAMLNode, problems: inout [NetworkPolicyProblem]) -> NetworkPolicyPeer {
        func invalid(_ message: String) -> NetworkPolicyPeer {
            problems.append(NetworkPolicyProblem(message: message, node: node))
            return NetworkPolicyPeer(kind: .invalid, node: node)
        }
        guard node.isMapping else { return invalid("peer is a \(node.typeName), not a mapping") }
        let pods = node["podSelector"].flatMap { $0.isNull ? nil : $0 }
        let namespaces = node["namespaceSelector"].flatMap { $0.isNull ? nil : $0 }
        let block = node["ipBlock"].flatMap { $0.isNull ? nil : $0 }
        if let block {
            guard pods == nil, namespaces == nil else {
                return invalid("peer sets ipBlock together with podSelector/namespaceSelector")
            }
            return ipBlock(block, peer: node, problems: &problems)
        }
        guard pods != nil || namespaces != nil else {
            return invalid("peer sets none of podSelector, namespaceSelector and ipBlock")
        }
        return NetworkPolicyPeer(
            kind: .selectors(
                pods: pods.map { NetworkPolicyParser.selector($0, problems: &problems) },
                namespaces: namespaces.map { NetworkPolicyParser.selector($0, problems: &problems) }),
            node: node)
    }

    /// An invalid `cidr` makes the peer match nothing; an invalid or outside `except` entry is
    /// skipped (so the peer admits at least as much as the author wrote, never less).
    private static func ipBlock(
        _ block: YAMLNode, peer: YAMLNode, problems: inout [NetworkPolicyProblem]
    ) -> NetworkPolicyPeer {
        let cidrNode = block["cidr"]
        guard let text = cidrNode?.string, let cidr = CIDRBlock(text) else {
            problems.append(
                NetworkPolicyProblem(
                    message: "ipBlock cidr \"\(cidrNode?.string ?? "")\" is not a valid CIDR", node: cidrNode ?? block))
            return NetworkPolicyPeer(kind: .invalid, node: peer)
        }
        var addresses = IPRangeSet(cidr)
        for item in block["except"]?.list ?? [] {
            guard let exceptText = item.string, let except = CIDRBlock(exceptText) else {
                problems.append(
                    NetworkPolicyProblem(
                        message: "ipBlock except \"\(item.string ?? item.typeName)\" is not a valid CIDR", node: item))
                continue
            }
            guard cidr.contains(except), except.prefixLength > cidr.prefixLength else {
                problems.append(
                    NetworkPolicyProblem(
                        message: "ipBlock except \(exceptText) is not strictly inside cidr \(text)", node: item))
                continue
            }
            addresses.subtract(IPRangeSet(except))
        }
        return NetworkPolicyPeer(kind: .ipBlock(cidr: text, addresses: addresses), node: peer)
    }

    private static func port(_ node: YAMLNode, problems: inout [NetworkPolicyProblem]) -> NetworkPolicyPort {
        var proto = NetworkProtocol.tcp
        var valid = true
        if let p = node["protocol"], !p.isNull {
            if let text = p.string, let known = NetworkProtocol(rawValue: text) {
                proto = known
            } else {
                problems.append(
                    NetworkPolicyProblem(
                        message: "protocol \"\(p.string ?? p.typeName)\" is not TCP, UDP or SCTP", node: p))
                valid = false
            }
        }
        var port = NetworkPolicyPort.Port.any
        let portNode = node["port"].flatMap { $0.isNull ? nil : $0 }
        let endNode = node["endPort"].flatMap { $0.isNull ? nil : $0 }
        if let portNode {
            if let number = portNode.int {
                if (1...65535).contains(number) {
                    port = .range(number, number)
                } else {
                    problems.append(NetworkPolicyProblem(message: "port \(number) is outside 1-65535", node: portNode))
                    valid = false
                }
            } else if let name = portNode.string, !name.isEmpty {
                if !name.contains(where: { $0.isLetter }) {
                    problems.append(
                        NetworkPolicyProblem(
                            message: "port \"\(name)\" is a string without letters: not a valid port name "
                                + "(write the number unquoted)", node: portNode))
                }
                port = .named(name)
            } else {
                problems.append(NetworkPolicyProblem(message: "port is not a number or a name", node: portNode))
                valid = false
            }
        }
        if let endNode {
            if case .range(let start, _) = port, let end = endNode.int, end >= start, end <= 65535 {
                port = .range(start, end)
            } else if valid {
                problems.append(
                    NetworkPolicyProblem(
                        message: "endPort must be a number from port to 65535, with a numeric port", node: endNode))
                valid = false
            }
        }
        return NetworkPolicyPort(proto: proto, port: valid ? port : .invalid, node: node)
    }
}
