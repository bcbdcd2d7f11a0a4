import PalisadeCore
import PalisadeFormats

extension NetworkReachability {
    /// All `NETPOL-*` findings, in report order.
    public func findings() -> [Finding] {
        var out: [Finding] = []
        for (index, policy) in model.policies.enumerated() {
            for problem in policy.problems {
                out.append(finding(NetworkFindingRules.invalid, problem.message, policy.object, node: problem.node))
            }
            if !selectsAnyEndpoint[index], !policy.podSelector.isEmpty {
                let node = policy.object.spec?["podSelector"] ?? policy.object.root
                out.append(
                    finding(
                        NetworkFindingRules.selectsNothing,
                        "NetworkPolicy \(policy.namespace)/\(policy.name) selects no workload of namespace "
                            + "\(policy.namespace) in the inputs", policy.object, node: node))
            }
        }
        out += defaultDenyFindings()
        let egressPorts = representativePorts(toward: nil)
        var memo = InternetMemo()
        for index in model.endpoints.indices {
            out += exposureFindings(index, egressPorts: egressPorts, memo: &memo)
        }
        out.sortForReport()
        return out
    }

    /// What `firstInternet` answered for endpoints that cannot differ: the same selecting policies
    /// of the direction and, for ingress, the same container ports (named ports and representative
    /// ports come from them); egress toward the internet resolves no named port. Thousands of
    /// endpoints share a few such keys (a namespace's default-deny, one policy per app).
    struct InternetMemo {
        struct Key: Hashable {
            let direction: NetworkDirection
            let policies: [Int]
            let ports: [ContainerPortSpec]
        }

        var answers: [Key: (IPAddress, String)?] = [:]

        /// The remembered answer for `key`, or `compute`'s, remembered.
        mutating func answer(_ key: Key, _ compute: () -> (IPAddress, String)?) -> (IPAddress, String)? {
            if let known = answers[key] { return known }
            let answer = compute()
            answers[key] = answer
            return answer
        }
    }

    private func defaultDenyFindings() -> [Finding] {
        var out: [Finding] = []
        let namespaces = Set(model.endpoints.map(\.namespace)).sorted()
        // Namespaces with a podSelector: {} policy per direction, in one pass over the policies.
        var denying: [NetworkDirection: Set<String>] = [.ingress: [], .egress: []]
        for policy in model.policies where policy.podSelector.isEmpty {
            for direction in [NetworkDirection.ingress, .egress] where policy.affects(direction) {
                denying[direction]?.insert(policy.namespace)
            }
        }
        for namespace in namespaces {
            let missing = [NetworkDirection.ingress, .egress].filter { direction in
                !(denying[direction]?.contains(namespace) ?? false)
            }
            guard !missing.isEmpty,
                let object = model.namespaceObjects[namespace]
                    ?? model.endpoints.first(where: { $0.namespace == namespace })?.object
            else { continue }
            let what = missing.map(\.rawValue).joined(separator: " and ")
            out.append(
                finding(
                    NetworkFindingRules.noDefaultDeny,
                    "namespace \(namespace) has no NetworkPolicy with podSelector: {} for \(what): new workloads "
                        + "there are open until a policy selects them", object, node: object.root))
        }
        return out
    }

    private func exposureFindings(
        _ index: Int, egressPorts: [(port: Int, proto: NetworkProtocol)], memo: inout InternetMemo
    ) -> [Finding] {
        let endpoint = model.endpoints[index]
        let name = "\(endpoint.kind) \(endpoint.shortName)"
        var out: [Finding] = []
        var reasons: [String] = []
        if let everyPod = admitsEveryPod(endpoint: index) {
            reasons.append(
                everyPod.policy < 0
                    ? "every pod in every namespace (no ingress NetworkPolicy selects it)"
                    : "every pod in every namespace (NetworkPolicy \(model.policies[everyPod.policy].namespace)/"
                        + "\(model.policies[everyPod.policy].name) ingress[\(everyPod.rule)])")
        }
        let ingressKey = InternetMemo.Key(
            direction: .ingress, policies: policies(selecting: index, .ingress), ports: endpoint.ports)
        if let (ip, port) = memo.answer(
            ingressKey,
            {
                firstInternet(.ingress, index, representativePorts(toward: .endpoint(index)))
            })
        {
            reasons.append("the internet (e.g. \(ip) on \(port))")
        }
        if !reasons.isEmpty {
            out.append(
                finding(
                    NetworkFindingRules.reachableFromAnywhere,
                    "\(name) accepts connections from " + reasons.joined(separator: " and from "), endpoint.object,
                    node: endpoint.object.root))
        }
        let egressKey = InternetMemo.Key(direction: .egress, policies: policies(selecting: index, .egress), ports: [])
        if let (ip, port) = memo.answer(egressKey, { firstInternet(.egress, index, egressPorts) }) {
            let why =
                policies(selecting: index, .egress).isEmpty
                ? "no egress NetworkPolicy selects it" : "its egress policies admit internet addresses"
            out.append(
                finding(
                    NetworkFindingRules.egressToInternet,
                    "\(name) may connect to the internet (e.g. \(ip) on \(port)): \(why)",
                    endpoint.object, node: endpoint.object.root))
        }
        return out
    }

    /// An internet address the direction admits and on which port: `any port` when every port
    /// (every representative) admits one.
    private func firstInternet(
        _ direction: NetworkDirection, _ index: Int, _ ports: [(port: Int, proto: NetworkProtocol)]
    ) -> (IPAddress, String)? {
        for (i, p) in ports.enumerated() {
            guard let ip = internetAddress(direction, endpoint: index, port: p.port, protocol: p.proto) else {
                continue
            }
            let everyPort =
                i == 0
                && ports.dropFirst().allSatisfy {
                    internetAddress(direction, endpoint: index, port: $0.port, protocol: $0.proto) != nil
                }
            return (ip, everyPort ? "any port" : "\(p.port)/\(p.proto.rawValue)")
        }
        return nil
    }

    private func finding(_ rule: RuleMetadata, _ message: String, _ object: KubeObject, node: YAMLNode) -> Finding {
        let (path, mark) = object.locate(node)
        return Finding(
            rule: rule, message: message, object: object.reference,
            location: Location(file: object.file, line: mark.line, column: mark.column, path: path))
    }
}
