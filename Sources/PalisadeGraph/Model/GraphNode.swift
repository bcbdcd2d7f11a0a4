import PalisadeCore

/// What a node of the attack graph stands for. Users filter pictures by these, so the raw
/// values are stable and appear in `--format json`.
public enum GraphNodeKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// Everything outside the cluster; the one source of attack paths.
    case internet
    case ingress
    case service
    /// A Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, ReplicationController or bare Pod.
    case workload
    case container
    case serviceAccount
    case user
    case group
    /// A Role or ClusterRole as granted in one scope: a ClusterRole bound by a RoleBinding
    /// grants only in that namespace, so `ClusterRole/edit in team-a` is its own node.
    case role
    /// One Secret object from the manifests.
    case secret
    /// Every Secret of one namespace, as `get`/`list` on `secrets` reaches them; `kube-system`'s is a crown jewel.
    case namespaceSecrets
    /// Root on a node (a named `spec.nodeName`, or "any node" for pods not yet scheduled).
    case node
    /// Every object of one sort cluster-wide ("every pod of the cluster"): a cluster-wide role that
    /// can exec into, change or run as all of them gets one edge here, and this node one edge to
    /// each, so edges grow with roles plus objects, not roles times objects.
    case clusterScope
    /// Anything that can do everything: a crown jewel.
    case clusterAdmin

    public static func < (a: GraphNodeKind, b: GraphNodeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why reaching a node ends an attack: the targets `palisade paths` reports paths to.
public enum CrownJewel: String, Sendable, Codable, CaseIterable {
    /// Full control of the cluster.
    case clusterAdmin = "cluster-admin"
    /// The Secrets of `kube-system`: controller tokens, bootstrap tokens, cloud credentials.
    case kubeSystemSecrets = "kube-system-secrets"
    /// Root on a node: every pod, secret and kubelet credential on it.
    case nodeRoot = "node-root"

    public var severity: Severity {
        switch self {
        case .clusterAdmin: .critical
        case .kubeSystemSecrets: .critical
        case .nodeRoot: .high
        }
    }
}

/// One node of the attack graph. Its `id` is stable across runs (`workload:team-a/Deployment/web`),
/// so pictures, JSON and tests can name it.
public struct GraphNode: Sendable, Hashable, Codable {
    public var id: String
    public var kind: GraphNodeKind
    /// What a person reads: `Deployment team-a/web`, `ServiceAccount kube-system/default`.
    public var label: String
    public var namespace: String?
    /// Where the object is defined, when it came from a manifest.
    public var location: Location?
    public var crownJewel: CrownJewel?
    /// The Kubernetes object the node stands for, when there is one (findings name it).
    public var object: ObjectReference?

    public init(
        id: String, kind: GraphNodeKind, label: String, namespace: String? = nil, location: Location? = nil,
        crownJewel: CrownJewel? = nil, object: ObjectReference? = nil
    ) {
        self.object = object
        self.id = id
        self.kind = kind
        self.label = label
        self.namespace = namespace
        self.location = location
        self.crownJewel = crownJewel
    }
}
