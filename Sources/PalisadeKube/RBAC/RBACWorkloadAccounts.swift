import PalisadeFormats

/// Which service accounts pods run as, per namespace, read from the pods and workloads of the
/// manifests: whoever can exec into those pods holds these accounts' tokens.
struct RBACWorkloadAccounts: Sendable {
    struct Entry: Sendable {
        let account: RBACSubject
        /// The first workload running as it: `Deployment shop/web`.
        let workload: String
    }

    /// Per namespace, by account name.
    private let byNamespace: [String: [Entry]]
    private let all: [Entry]

    init(objects: [KubeObject]) {
        var found: [String: [String: String]] = [:]
        for object in objects where object.kind != "PodTemplate" {
            // The pod spec only (PodSpecView would also collect every container).
            guard let path = PodSpecView.podSpecPath(forKind: object.kind, apiGroup: object.apiGroup) else { continue }
            var template: YAMLNode? = object.root
            for key in path { template = template?[key] }
            guard let spec = template?["spec"], spec.isMapping else { continue }
            let namespace = object.namespace ?? "default"
            let name = spec["serviceAccountName"]?.string ?? spec["serviceAccount"]?.string ?? "default"
            guard !name.isEmpty, found[namespace]?[name] == nil else { continue }
            found[namespace, default: [:]][name] = "\(object.kind) \(namespace)/\(object.name)"
        }
        var byNamespace: [String: [Entry]] = [:]
        for (namespace, accounts) in found {
            byNamespace[namespace] = accounts.keys.sorted().map { name in
                Entry(
                    account: RBACSubject(kind: RBACSubject.serviceAccount, name: name, namespace: namespace),
                    workload: accounts[name]!)
            }
        }
        self.byNamespace = byNamespace
        all = byNamespace.keys.sorted().flatMap { byNamespace[$0]! }
    }

    /// The accounts pods run as in `namespace`, or in every namespace (`nil`), sorted.
    func accounts(in namespace: String?) -> [Entry] {
        guard let namespace else { return all }
        return byNamespace[namespace] ?? []
    }
}
