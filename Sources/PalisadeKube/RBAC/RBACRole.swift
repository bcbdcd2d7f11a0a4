/// A Role or ClusterRole with its effective rules: for an aggregated ClusterRole, the rules
/// collected from the ClusterRoles its selectors match (what the aggregation controller writes).
public struct RBACRole: Sendable, Hashable {
    public var isClusterRole: Bool
    public var name: String
    /// The Role's namespace; `nil` for ClusterRoles.
    public var namespace: String?
    public var labels: [String: String]
    public var rules: [RBACRule]
    /// `aggregationRule.clusterRoleSelectors`, `nil` when the ClusterRole is not aggregated.
    public var aggregation: [LabelSelector]?
    public var source: RBACSource

    public init(
        isClusterRole: Bool, name: String, namespace: String? = nil, labels: [String: String] = [:],
        rules: [RBACRule], aggregation: [LabelSelector]? = nil, source: RBACSource
    ) {
        self.isClusterRole = isClusterRole
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.rules = rules
        self.aggregation = aggregation
        self.source = source
    }

    /// `ClusterRole/admin`, `Role/argocd/argocd-server`.
    public var label: String {
        isClusterRole ? "ClusterRole/\(name)" : "Role/\(namespace ?? "")/\(name)"
    }

    /// How output names one of this role's rules: `ClusterRole/admin rule 3 (from system:aggregate-to-edit rule 2)`.
    public func label(of rule: RBACRule) -> String {
        if rule.definedIn == name || rule.definedIn.isEmpty { return "\(label) rule \(rule.index)" }
        return "\(label) (aggregated from ClusterRole/\(rule.definedIn) rule \(rule.index))"
    }
}

/// A RoleBinding or ClusterRoleBinding.
public struct RBACBinding: Sendable, Hashable {
    public var isClusterRoleBinding: Bool
    public var name: String
    /// The RoleBinding's namespace, where it grants; `nil` for ClusterRoleBindings.
    public var namespace: String?
    /// `Role` or `ClusterRole`.
    public var roleKind: String
    public var roleName: String
    public var subjects: [RBACSubject]
    public var source: RBACSource

    public init(
        isClusterRoleBinding: Bool, name: String, namespace: String? = nil, roleKind: String, roleName: String,
        subjects: [RBACSubject], source: RBACSource
    ) {
        self.isClusterRoleBinding = isClusterRoleBinding
        self.name = name
        self.namespace = namespace
        self.roleKind = roleKind
        self.roleName = roleName
        self.subjects = subjects
        self.source = source
    }

    /// `ClusterRoleBinding/argocd-server`, `RoleBinding/argocd/argocd-server`.
    public var label: String {
        isClusterRoleBinding ? "ClusterRoleBinding/\(name)" : "RoleBinding/\(namespace ?? "")/\(name)"
    }

    /// Where the binding grants: `cluster-wide` or `namespace argocd`.
    public var scope: String { namespace.map { "namespace \($0)" } ?? "cluster-wide" }

    /// The subjects as the authorizer reads them: a ServiceAccount without a namespace in a
    /// RoleBinding is in the binding's namespace.
    public var resolvedSubjects: [RBACSubject] {
        subjects.map { s in
            guard s.kind == RBACSubject.serviceAccount, s.namespace == nil || s.namespace == "" else { return s }
            return RBACSubject(kind: s.kind, name: s.name, namespace: isClusterRoleBinding ? nil : namespace)
        }
    }
}
