import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// A workload (Pod or controller) as the graph needs it: its network endpoint, pod spec, identity
/// and placement, read once. A class: the builder looks workloads up in every loop, and copying
/// the object and pod spec each time dominated the build.
final class WorkloadInfo: Sendable {
    /// Index into `NetworkModel.endpoints` (the same list, in the same order).
    let endpoint: Int
    let object: KubeObject
    let view: PodSpecView
    let namespace: String
    let id: String
    let serviceAccount: String
    /// `spec.nodeName`: the node the pod runs on, `nil` when not scheduled (templates, most manifests).
    let nodeName: String?
    let labels: [String: String]

    init(
        endpoint: Int, object: KubeObject, view: PodSpecView, namespace: String, id: String, serviceAccount: String,
        nodeName: String?, labels: [String: String]
    ) {
        self.endpoint = endpoint
        self.object = object
        self.view = view
        self.namespace = namespace
        self.id = id
        self.serviceAccount = serviceAccount
        self.nodeName = nodeName
        self.labels = labels
    }
}

/// A Secret of the manifests: enough to know whose token it holds.
struct SecretInfo: Sendable {
    let object: KubeObject
    let namespace: String
    let name: String
    /// For `kubernetes.io/service-account-token` Secrets: the account named by the
    /// `kubernetes.io/service-account.name` annotation.
    let tokenOf: String?
}

/// The objects of the manifests sorted by what the graph does with them. Namespaceless namespaced
/// objects were already given the default namespace, so every lookup here is by real namespace.
struct ClusterIndex: Sendable {
    var namespaceLabels: [String: [String: String]] = [:]
    var serviceAccounts: [String: KubeObject] = [:]
    var secrets: [SecretInfo] = []
    /// Secret objects by `namespace/name` (the last definition).
    var secretObjects: [String: KubeObject] = [:]
    var services: [KubeObject] = []
    var ingresses: [KubeObject] = []
    var workloads: [WorkloadInfo] = []
    var workloadsByNamespace: [String: [Int]] = [:]
    /// Every namespace any object lives in or names, `kube-system` and `default` included.
    var namespaces: Set<String> = ["kube-system", "default"]
    /// Service accounts known per namespace: objects, workloads' `serviceAccountName`, binding subjects,
    /// token Secrets, and `default` of every namespace (the API server creates it).
    var accountsByNamespace: [String: Set<String>] = [:]
    /// Node names pods are scheduled on.
    var nodeNames: Set<String> = []

    static let tokenSecretType = "kubernetes.io/service-account-token"
    static let tokenOwnerAnnotation = "kubernetes.io/service-account.name"

    init(objects: [KubeObject], endpoints: [NetworkEndpoint], policy: RBACPolicy) {
        for object in objects {
            if let ns = object.namespace { namespaces.insert(ns) }
            switch (object.kind, object.apiGroup) {
            case ("Namespace", ""):
                namespaceLabels[object.name] = object.labels
                namespaces.insert(object.name)
            case ("ServiceAccount", ""):
                let ns = object.namespace ?? "default"
                serviceAccounts[ns + "/" + object.name] = object
                accountsByNamespace[ns, default: []].insert(object.name)
            case ("Secret", ""):
                let ns = object.namespace ?? "default"
                let type = object.root["type"]?.string
                let owner =
                    type == Self.tokenSecretType ? object.annotations[Self.tokenOwnerAnnotation] : nil
                secrets.append(SecretInfo(object: object, namespace: ns, name: object.name, tokenOf: owner))
                secretObjects[ns + "/" + object.name] = object
                if let owner { accountsByNamespace[ns, default: []].insert(owner) }
            case ("Service", ""):
                services.append(object)
            case ("Ingress", "networking.k8s.io"), ("Ingress", "extensions"):
                ingresses.append(object)
            default:
                break
            }
        }
        for (i, endpoint) in endpoints.enumerated() {
            guard let view = PodSpecView(endpoint.object) else { continue }
            let spec = view.spec
            let account =
                spec["serviceAccountName"]?.string ?? spec["serviceAccount"]?.string ?? "default"
            let nodeName = spec["nodeName"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            if let nodeName { nodeNames.insert(nodeName) }
            let info = WorkloadInfo(
                endpoint: i, object: endpoint.object, view: view, namespace: endpoint.namespace,
                id: GraphNodeID.workload(endpoint.namespace, endpoint.kind, endpoint.name),
                serviceAccount: account, nodeName: nodeName, labels: endpoint.labels)
            workloadsByNamespace[endpoint.namespace, default: []].append(workloads.count)
            workloads.append(info)
            accountsByNamespace[endpoint.namespace, default: []].insert(account)
            namespaces.insert(endpoint.namespace)
        }
        for binding in policy.allBindings {
            if let ns = binding.namespace { namespaces.insert(ns) }
            for s in binding.resolvedSubjects where s.kind == RBACSubject.serviceAccount {
                guard let ns = s.namespace, !ns.isEmpty else { continue }
                accountsByNamespace[ns, default: []].insert(s.name)
                namespaces.insert(ns)
            }
        }
        for ns in namespaces { accountsByNamespace[ns, default: []].insert("default") }
    }

    /// Whether Pod Security admission keeps privileged pods out of the namespace
    /// (`pod-security.kubernetes.io/enforce: baseline` or `restricted` on the Namespace).
    func enforcesPodSecurity(_ namespace: String) -> Bool {
        let level = namespaceLabels[namespace]?["pod-security.kubernetes.io/enforce"]
        return level == "baseline" || level == "restricted"
    }

    func accounts(in namespace: String) -> [String] { (accountsByNamespace[namespace] ?? []).sorted() }
}
