import PalisadeKube

/// The NetworkPolicy questions the exposure edges ask, answered with `NetworkReachability`.
extension GraphAssembly {
    /// Whether the workload's ingress policies admit some address outside the cluster (internet
    /// clients, or the node addresses a LoadBalancer/NodePort rewrites them to) on the port.
    /// Returns the reason as a phrase, `nil` when nothing outside is admitted.
    func admitsExternal(_ endpoint: Int, port: Int, proto: NetworkProtocol) -> String? {
        let selecting = reachability.policies(selecting: endpoint, .ingress)
        if selecting.isEmpty { return "no ingress NetworkPolicy isolates it" }
        let admitted = reachability.admittedExternalAddresses(.ingress, endpoint: endpoint, port: port, protocol: proto)
        if admitted.isEmpty { return nil }
        return "its NetworkPolicies admit addresses outside the cluster"
    }

    /// Whether an ingress controller (a pod in another namespace, whose labels the manifests do not
    /// show) can reach the workload on the port: it is not isolated, or a rule matching the port
    /// admits every source, some namespace selected by `namespaceSelector`, or an `ipBlock`
    /// (controllers on hostNetwork come from node addresses). A rule admitting only pods of the
    /// workload's own namespace (a bare `podSelector`) does not count, nor does default-deny.
    func admitsIngressController(_ endpoint: Int, port: Int, proto: NetworkProtocol) -> String? {
        let selecting = reachability.policies(selecting: endpoint, .ingress)
        if selecting.isEmpty { return "no ingress NetworkPolicy isolates it" }
        for p in selecting {
            let policy = reachability.model.policies[p]
            for rule in policy.ingress
            where reachability.portMatch(rule.ports, port: port, proto: proto, destination: .endpoint(endpoint)) != nil
            {
                guard let peers = rule.peers else {
                    return "NetworkPolicy \(policy.namespace)/\(policy.name) ingress[\(rule.index)] admits every source"
                }
                for peer in peers {
                    switch peer.kind {
                    case .selectors(_, let namespaces) where namespaces != nil && !(namespaces!.isInvalid):
                        return "NetworkPolicy \(policy.namespace)/\(policy.name) ingress[\(rule.index)] admits "
                            + "pods of other namespaces (the ingress controller's)"
                    case .ipBlock(_, let addresses) where !addresses.isEmpty:
                        return
                            "NetworkPolicy \(policy.namespace)/\(policy.name) ingress[\(rule.index)] admits an ipBlock"
                    default: continue
                    }
                }
            }
        }
        return nil
    }
}
