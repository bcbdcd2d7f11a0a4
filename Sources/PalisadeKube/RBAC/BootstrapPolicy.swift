import PalisadeFormats

/// The ClusterRoles and ClusterRoleBindings every Kubernetes API server creates at start-up
/// (`cluster-admin` bound to `system:masters`, `admin`/`edit`/`view` and their aggregation, the
/// `system:*` roles), so bindings to them resolve even when the manifests do not define them.
/// Parsed once from the embedded copy of Kubernetes' own golden files (`BootstrapPolicyData`).
public enum BootstrapPolicy {
    /// The Kubernetes versions whose bootstrap policy is embedded. Only one copy is available, so
    /// only `latest`.
    public static let versions = ["latest"]

    /// The bootstrap objects, roles first.
    public static let objects: [KubeObject] = {
        var loaded = KubeObjectLoader.Loaded()
        let loader = KubeObjectLoader()
        loader.load(
            SourceBuffer(
                name: "kubernetes-bootstrap/cluster-roles.yaml", copying: Array(BootstrapPolicyData.clusterRoles.utf8)),
            into: &loaded)
        loader.load(
            SourceBuffer(
                name: "kubernetes-bootstrap/cluster-role-bindings.yaml",
                copying: Array(BootstrapPolicyData.clusterRoleBindings.utf8)),
            into: &loaded)
        return loaded.objects
    }()
}
