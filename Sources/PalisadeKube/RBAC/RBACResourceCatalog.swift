/// The API group and scope of well-known Kubernetes resources, so `who-can create deployments`
/// asks about `apps` without `--api-group`, and a question about a cluster-scoped resource
/// (nodes, namespaces) is asked without a namespace, as the API server receives it.
public enum RBACResourceCatalog {
    public struct Entry: Sendable, Hashable {
        public var group: String
        public var namespaced: Bool
    }

    /// The entry for a plural resource name, `nil` when unknown (the CLI then assumes the core group).
    public static func lookup(_ resource: String) -> Entry? {
        if let g = namespacedResources[resource] { return Entry(group: g, namespaced: true) }
        if let g = clusterResources[resource] { return Entry(group: g, namespaced: false) }
        return nil
    }

    static let namespacedResources: [String: String] = [
        "pods": "", "services": "", "secrets": "", "configmaps": "", "serviceaccounts": "", "endpoints": "",
        "events": "", "persistentvolumeclaims": "", "replicationcontrollers": "", "limitranges": "",
        "resourcequotas": "", "podtemplates": "", "bindings": "",
        "deployments": "apps", "daemonsets": "apps", "statefulsets": "apps", "replicasets": "apps",
        "controllerrevisions": "apps",
        "jobs": "batch", "cronjobs": "batch",
        "roles": "rbac.authorization.k8s.io", "rolebindings": "rbac.authorization.k8s.io",
        "ingresses": "networking.k8s.io", "networkpolicies": "networking.k8s.io",
        "poddisruptionbudgets": "policy", "horizontalpodautoscalers": "autoscaling",
        "leases": "coordination.k8s.io", "endpointslices": "discovery.k8s.io",
        "csistoragecapacities": "storage.k8s.io", "localsubjectaccessreviews": "authorization.k8s.io",
    ]

    static let clusterResources: [String: String] = [
        "nodes": "", "namespaces": "", "persistentvolumes": "", "componentstatuses": "",
        // Impersonation targets: `impersonate` on users, groups and uids (core group).
        "users": "", "groups": "", "uids": "",
        "userextras": "authentication.k8s.io", "tokenreviews": "authentication.k8s.io",
        "selfsubjectreviews": "authentication.k8s.io",
        "subjectaccessreviews": "authorization.k8s.io", "selfsubjectaccessreviews": "authorization.k8s.io",
        "selfsubjectrulesreviews": "authorization.k8s.io",
        "clusterroles": "rbac.authorization.k8s.io", "clusterrolebindings": "rbac.authorization.k8s.io",
        "certificatesigningrequests": "certificates.k8s.io", "signers": "certificates.k8s.io",
        "mutatingwebhookconfigurations": "admissionregistration.k8s.io",
        "validatingwebhookconfigurations": "admissionregistration.k8s.io",
        "validatingadmissionpolicies": "admissionregistration.k8s.io",
        "validatingadmissionpolicybindings": "admissionregistration.k8s.io",
        "customresourcedefinitions": "apiextensions.k8s.io", "apiservices": "apiregistration.k8s.io",
        "storageclasses": "storage.k8s.io", "csidrivers": "storage.k8s.io", "csinodes": "storage.k8s.io",
        "volumeattachments": "storage.k8s.io", "priorityclasses": "scheduling.k8s.io",
        "runtimeclasses": "node.k8s.io", "ingressclasses": "networking.k8s.io",
        "flowschemas": "flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations": "flowcontrol.apiserver.k8s.io",
    ]
}
