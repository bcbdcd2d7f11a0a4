import PalisadeFormats

/// The roles and bindings every Kubernetes API server creates at start-up (`cluster-admin` bound to
/// `system:masters`, `admin`/`edit`/`view` and their aggregation, the `system:*` ClusterRoles, and
/// the kube-system/kube-public Roles such as `extension-apiserver-authentication-reader`), so
/// bindings to them resolve even when the manifests do not define them.
/// Parsed once from the embedded copy of Kubernetes' own golden files (`BootstrapPolicyData`).
public enum BootstrapPolicy {
    /// The Kubernetes versions whose bootstrap policy is embedded. Only one copy is available, so
    /// only `latest`.
    public static let versions = ["latest"]

    /// The bootstrap objects, roles first.
    public static let objects: [KubeObject] = {
        var loaded = KubeObjectLoader.Loaded()
        let loader = KubeObjectLoader()
        let files = [
            ("cluster-roles.yaml", BootstrapPolicyData.clusterRoles),
            ("controller-roles.yaml", BootstrapPolicyData.controllerRoles),
            ("namespace-roles.yaml", BootstrapPolicyData.namespaceRoles),
            ("cluster-role-bindings.yaml", BootstrapPolicyData.clusterRoleBindings),
            ("controller-role-bindings.yaml", BootstrapPolicyData.controllerRoleBindings),
            ("namespace-role-bindings.yaml", BootstrapPolicyData.namespaceRoleBindings),
        ]
        for (name, text) in files {
            loader.load(SourceBuffer(name: "kubernetes-bootstrap/" + name, copying: Array(text.utf8)), into: &loaded)
        }
        return loaded.objects
    }()
}
