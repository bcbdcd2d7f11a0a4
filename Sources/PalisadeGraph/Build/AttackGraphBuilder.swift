import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Builds the attack graph of a set of manifests from the engines Palisade already has: RBAC
/// (`RBACPolicy`, the rule matching of `RBACRule`), NetworkPolicy reachability (`NetworkReachability`)
/// and pod specs (`PodSpecView`). Bad input (bindings to undefined roles, invalid NetworkPolicies,
/// duplicate objects) becomes `GRAPH-*` findings in `issues`; the rest of the graph is still built.
public struct AttackGraphBuilder: Sendable {
    public struct Options: Sendable {
        /// Add the Kubernetes bootstrap roles and bindings (`--no-builtin-roles` turns off).
        public var builtInRoles: Bool
        /// Namespace of namespaced objects that name none (as `kubectl apply -n`).
        public var defaultNamespace: String
        /// Node ids assumed compromised (`--from`): lateral movement is computed from them too.
        public var assumeCompromised: [String]
        /// The release whose bootstrap roles are added (`--k8s-version`).
        public var k8sVersion: BootstrapPolicy.Version

        public init(
            builtInRoles: Bool = true, defaultNamespace: String = "default", assumeCompromised: [String] = [],
            k8sVersion: BootstrapPolicy.Version = .latest
        ) {
            self.builtInRoles = builtInRoles
            self.defaultNamespace = defaultNamespace
            self.assumeCompromised = assumeCompromised
            self.k8sVersion = k8sVersion
        }
    }

    /// The graph and what was wrong with the input.
    public struct Result: Sendable {
        public var graph: AttackGraph
        /// `GRAPH-*` findings about bad input, in report order.
        public var issues: [Finding]
    }

    public let objects: [KubeObject]
    public let options: Options

    public init(objects: [KubeObject], options: Options = Options()) {
        self.objects = objects
        self.options = options
    }

    public func build() -> Result {
        var assembly = GraphAssembly(objects: objects, options: options)
        assembly.run()
        var issues = assembly.issues
        issues.sortForReport()
        return Result(graph: assembly.graph, issues: issues)
    }
}

/// The mutable state of one build; the edge families live in extensions (one file per concern).
struct GraphAssembly {
    var graph = AttackGraph()
    var issues: [Finding] = []
    let options: AttackGraphBuilder.Options
    let objects: [KubeObject]
    let policy: RBACPolicy
    let reachability: NetworkReachability
    let index: ClusterIndex
    /// Graph node index of each workload (same order as `index.workloads`).
    var workloadNodes: [Int] = []
    /// Workload index of a graph node, for lateral movement.
    var workloadOfNode: [Int: Int] = [:]
    /// Group names some binding names: group nodes exist only for these.
    var boundGroups: Set<String> = []
    /// User names some binding names.
    var boundUsers: Set<String> = []
    /// Each role node with its role and scope (`nil` = cluster-wide), in binding order.
    var grantedRoles: [GrantedRole] = []

    init(objects raw: [KubeObject], options: AttackGraphBuilder.Options) {
        self.options = options
        var issues: [Finding] = []
        let objects = Self.normalised(raw, defaultNamespace: options.defaultNamespace, issues: &issues)
        self.objects = objects
        self.issues = issues
        // RBACPolicy keeps its own last-wins rule and reports RBAC duplicates, so it sees every object.
        policy = RBACPolicy(
            objects: raw.map { Self.withNamespace($0, options.defaultNamespace) }, builtInRoles: options.builtInRoles,
            defaultNamespace: options.defaultNamespace, k8sVersion: options.k8sVersion)
        reachability = NetworkReachability(model: NetworkModel(objects: objects))
        index = ClusterIndex(objects: objects, endpoints: reachability.model.endpoints, policy: policy)
        for binding in policy.allBindings {
            for s in binding.resolvedSubjects {
                if s.kind == RBACSubject.group { boundGroups.insert(s.name) }
                if s.kind == RBACSubject.user { boundUsers.insert(s.name) }
            }
        }
    }

    mutating func run() {
        reportInputIssues()
        addFixedNodes()
        addWorkloadEdges()
        addNodeCredentials()
        addExposureEdges()
        addIdentityEdges()
        addRoleEdges()
        addLateralMovement()
    }

    /// Namespaced objects without a namespace get the default one, so every engine agrees on it.
    static func withNamespace(_ object: KubeObject, _ defaultNamespace: String) -> KubeObject {
        guard object.namespace == nil, !object.isClusterScoped else { return object }
        var copy = object
        copy.namespace = defaultNamespace
        return copy
    }

    /// Default namespaces filled in; for non-RBAC objects, the last of several with the same kind,
    /// namespace and name kept (as `kubectl apply` would leave it) and the others reported.
    static func normalised(_ raw: [KubeObject], defaultNamespace: String, issues: inout [Finding]) -> [KubeObject] {
        var out: [KubeObject] = []
        out.reserveCapacity(raw.count)
        var seen: [String: Int] = [:]
        for object in raw {
            let object = withNamespace(object, defaultNamespace)
            let rbac = object.apiGroup == "rbac.authorization.k8s.io"
            let key = "\(object.apiGroup)/\(object.kind)/\(object.namespace ?? "")/\(object.name)"
            if !rbac, let previous = seen[key] {
                let earlier = out[previous]
                issues.append(
                    GraphIssueRules.finding(
                        GraphIssueRules.duplicateObject,
                        "duplicate \(object.kind) \(object.namespace.map { $0 + "/" } ?? "")\(object.name) "
                            + "(also at \(earlier.file):\(earlier.mark.line)); the last definition is used",
                        object: object))
                out[previous] = object
                continue
            }
            seen[key] = out.count
            out.append(object)
        }
        return out
    }

    // MARK: Nodes

    static func location(of object: KubeObject) -> Location {
        Location(file: object.file, line: object.mark.line, column: object.mark.column, path: "")
    }

    static func location(of node: YAMLNode, in object: KubeObject) -> Location {
        let (path, mark) = object.locate(node)
        return Location(file: object.file, line: mark.line, column: mark.column, path: path)
    }

    mutating func addFixedNodes() {
        graph.addNode(GraphNode(id: GraphNodeID.internet, kind: .internet, label: "internet"))
        graph.addNode(
            GraphNode(
                id: GraphNodeID.clusterAdmin, kind: .clusterAdmin, label: "cluster-admin equivalent",
                crownJewel: .clusterAdmin))
        _ = namespaceSecretsNode("kube-system")
    }

    var internetNode: Int { graph.index(of: GraphNodeID.internet)! }
    var clusterAdminNode: Int { graph.index(of: GraphNodeID.clusterAdmin)! }

    mutating func namespaceSecretsNode(_ namespace: String) -> Int {
        graph.addNode(
            GraphNode(
                id: GraphNodeID.namespaceSecrets(namespace), kind: .namespaceSecrets,
                label: "Secrets of namespace \(namespace)", namespace: namespace,
                crownJewel: namespace == "kube-system" ? .kubeSystemSecrets : nil))
    }

    mutating func secretNode(_ namespace: String, _ name: String) -> Int {
        let object = index.secretObjects[namespace + "/" + name]
        return graph.addNode(
            GraphNode(
                id: GraphNodeID.secret(namespace, name), kind: .secret, label: "Secret \(namespace)/\(name)",
                namespace: namespace, location: object.map(Self.location(of:)),
                crownJewel: namespace == "kube-system" ? .kubeSystemSecrets : nil, object: object?.reference))
    }

    /// Root on a named node, or on "any node" (`nil`). Every node is the crown jewel node-root.
    mutating func hostNode(_ name: String?) -> Int {
        guard let name else {
            return graph.addNode(
                GraphNode(id: GraphNodeID.anyNode, kind: .node, label: "any node", crownJewel: .nodeRoot))
        }
        return graph.addNode(
            GraphNode(id: GraphNodeID.node(name), kind: .node, label: "Node \(name)", crownJewel: .nodeRoot))
    }

    @discardableResult
    mutating func serviceAccountNode(_ namespace: String, _ name: String) -> Int {
        let object = index.serviceAccounts[namespace + "/" + name]
        return graph.addNode(
            GraphNode(
                id: GraphNodeID.serviceAccount(namespace, name), kind: .serviceAccount,
                label: "ServiceAccount \(namespace)/\(name)", namespace: namespace,
                location: object.map(Self.location(of:)), object: object?.reference))
    }

    mutating func userNode(_ name: String) -> Int {
        graph.addNode(GraphNode(id: GraphNodeID.user(name), kind: .user, label: "User \(name)"))
    }

    mutating func groupNode(_ name: String) -> Int {
        graph.addNode(GraphNode(id: GraphNodeID.group(name), kind: .group, label: "Group \(name)"))
    }
}

/// A role as one binding scope grants it: evaluated once, whatever the number of bindings.
struct GrantedRole {
    let node: Int
    let role: RBACRole
    /// The RoleBinding's namespace; `nil` for a ClusterRoleBinding.
    let namespace: String?
}
