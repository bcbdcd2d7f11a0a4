/// The stable ids of attack-graph nodes, written in one place so the builder, the path finder,
/// `--from` and tests spell them the same way.
public enum GraphNodeID {
    public static let internet = "internet"
    public static let clusterAdmin = "cluster-admin"
    /// Root on a node nobody named: where unscheduled pods and workload templates run.
    public static let anyNode = "node:*"

    public static func ingress(_ namespace: String, _ name: String) -> String { "ingress:\(namespace)/\(name)" }
    public static func service(_ namespace: String, _ name: String) -> String { "service:\(namespace)/\(name)" }
    public static func workload(_ namespace: String, _ kind: String, _ name: String) -> String {
        "workload:\(namespace)/\(kind)/\(name)"
    }
    public static func container(_ namespace: String, _ kind: String, _ name: String, _ container: String) -> String {
        "container:\(namespace)/\(kind)/\(name)/\(container)"
    }
    public static func serviceAccount(_ namespace: String, _ name: String) -> String { "sa:\(namespace)/\(name)" }
    public static func user(_ name: String) -> String { "user:\(name)" }
    public static func group(_ name: String) -> String { "group:\(name)" }
    public static func clusterRole(_ name: String) -> String { "role:ClusterRole/\(name)" }
    /// A ClusterRole granted by a RoleBinding: it grants only in that namespace.
    public static func clusterRole(_ name: String, in namespace: String) -> String {
        "role:ClusterRole/\(name)@\(namespace)"
    }
    public static func role(_ namespace: String, _ name: String) -> String { "role:Role/\(namespace)/\(name)" }
    public static func secret(_ namespace: String, _ name: String) -> String { "secret:\(namespace)/\(name)" }
    public static func namespaceSecrets(_ namespace: String) -> String { "secrets:\(namespace)" }
    public static func node(_ name: String) -> String { "node:\(name)" }
    /// A cluster-wide fan-out hub, e.g. `scope:exec` (every pod) or `scope:modify/Deployment`.
    public static func clusterScope(_ what: String) -> String { "scope:\(what)" }
}
