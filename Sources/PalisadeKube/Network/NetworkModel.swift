import PalisadeCore

/// Everything reachability depends on, read once from the loaded objects: endpoints (pods and
/// workloads), namespace labels, and the NetworkPolicies.
public struct NetworkModel: Sendable {
    public var endpoints: [NetworkEndpoint]
    /// Namespace name → labels. Every namespace carries `kubernetes.io/metadata.name` (the API
    /// server sets it); namespaces known only from the objects in them have that label alone.
    public var namespaceLabels: [String: [String: String]]
    /// Namespace objects by name, for finding positions.
    public var namespaceObjects: [String: KubeObject]
    public var policies: [NetworkPolicySpec]

    public static let namespaceNameLabel = "kubernetes.io/metadata.name"

    public init(objects: [KubeObject]) {
        endpoints = []
        namespaceLabels = [:]
        namespaceObjects = [:]
        policies = []
        for object in objects {
            if object.kind == "Namespace", object.apiVersion == "v1" {
                var labels = object.labels
                labels[Self.namespaceNameLabel] = object.name
                namespaceLabels[object.name] = labels
                namespaceObjects[object.name] = object
            } else if NetworkPolicyParser.isNetworkPolicy(object) {
                policies.append(NetworkPolicyParser.parse(object))
            } else if let endpoint = NetworkEndpoint(object) {
                endpoints.append(endpoint)
            }
        }
        for namespace in endpoints.map(\.namespace) + policies.map(\.namespace)
        where namespaceLabels[namespace] == nil {
            namespaceLabels[namespace] = [Self.namespaceNameLabel: namespace]
        }
    }

    /// Labels of a namespace; an unknown one still has its name label.
    public func labels(ofNamespace name: String) -> [String: String] {
        namespaceLabels[name] ?? [Self.namespaceNameLabel: name]
    }

    /// Indices of the policies of `direction` that select the endpoint (its isolation for that direction).
    public func selectingPolicies(_ endpoint: NetworkEndpoint, _ direction: NetworkDirection) -> [Int] {
        policies.indices.filter { i in
            let p = policies[i]
            return p.namespace == endpoint.namespace && p.affects(direction) && p.podSelector.matches(endpoint.labels)
        }
    }
}
