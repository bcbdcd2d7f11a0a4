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
        for index in model.endpoints.indices {
            out += exposureFindings(index, egressPorts: egressPorts)
        }
        out.sortForReport()
        return out
    }

    private func defaultDenyFindings() -> [Finding] {
        var out: [Finding] = []
        let namespaces = Set(model.endpoints.map(\.namespace)).sorted()
        for namespace in namespaces {
            let missing = [NetworkDirection.ingress, .egress].filter { direction in
                !model.policies.contains {
                    $0.namespace == namespace && $0.podSelector.isEmpty && $0.affects(direction)
                }
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

    private func exposureFindings(_ index: Int, egressPorts: [(port: Int, proto: NetworkProtocol)]) -> [Finding] {
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
        let ingressPorts = representativePorts(toward: .endpoint(index))
        if let (ip, port) = firstInternet(.ingress, index, ingressPorts) {
            reasons.append("the internet (e.g. \(ip) on \(port))")
        }
        if !reasons.isEmpty {
            out.append(
                finding(
                    NetworkFindingRules.reachableFromAnywhere,
                    "\(name) accepts connections from " + reasons.joined(separator: " and from "), endpoint.object,
                    node: endpoint.object.root))
        }
        if let (ip, port) = firstInternet(.egress, index, egressPorts) {
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
