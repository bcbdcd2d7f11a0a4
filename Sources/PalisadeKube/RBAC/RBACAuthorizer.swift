/// One way a request is allowed: the binding, the role it refers to, and the rule that matched.
public struct RBACGrant: Sendable, Hashable {
    public var binding: RBACBinding
    public var role: RBACRole
    public var rule: RBACRule

    /// `ClusterRoleBinding/x -> ClusterRole/admin rule 3`.
    public var path: String { "\(binding.label) -> \(role.label(of: rule))" }
}

/// A subject and the grant that lets it make a request (`who-can`).
public struct RBACSubjectGrant: Sendable, Hashable {
    public var subject: RBACSubject
    public var grant: RBACGrant
}

/// Decides requests against an `RBACPolicy` exactly as the Kubernetes RBAC authorizer does
/// (`VisitRulesFor`: ClusterRoleBindings, then the RoleBindings of the request's namespace; a
/// binding applies when one of its subjects matches; a rule of its role must allow the request).
/// RBAC only allows, never denies, so every matching grant is returned, not just the first.
public struct RBACAuthorizer: Sendable {
    public let policy: RBACPolicy
    /// The bindings by the identities they name: a subject's grants and permissions walk its own
    /// bindings, not all of them (thousands, at cluster scale).
    public let index: RBACBindingIndex

    public init(policy: RBACPolicy) {
        self.policy = policy
        index = RBACBindingIndex(policy: policy)
    }

    /// Every grant that allows `identity` to make `request`; empty means RBAC denies it.
    public func grants(_ identity: RBACIdentity, _ request: RBACRequest) -> [RBACGrant] {
        var out: [RBACGrant] = []
        func add(_ binding: RBACBinding) {
            guard let role = policy.role(for: binding) else { return }
            for rule in role.rules where rule.allows(request) {
                out.append(RBACGrant(binding: binding, role: role, rule: rule))
            }
        }
        // The bindings `applicableBindings(request)` lists whose subjects match, in the same order.
        let keys = RBACBindingIndex.keys(identity)
        for p in index.clusterRoleBindings(ofKeys: keys) { add(policy.clusterRoleBindings[p]) }
        if case .resource = request.target, let namespace = request.namespace,
            let bindings = policy.roleBindings[namespace]
        {
            for p in index.roleBindings(ofKeys: keys, in: namespace) { add(bindings[p]) }
        }
        return out
    }

    public func allows(_ identity: RBACIdentity, _ request: RBACRequest) -> Bool {
        !grants(identity, request).isEmpty
    }

    /// Every binding subject allowed to make `request`, each with the grant (binding, role, rule);
    /// a subject granted several ways appears once per grant. Groups are listed as groups:
    /// `group:system:authenticated` means every authenticated user.
    public func whoCan(_ request: RBACRequest) -> [RBACSubjectGrant] {
        var out: [RBACSubjectGrant] = []
        for binding in applicableBindings(request) {
            guard let role = policy.role(for: binding) else { continue }
            let rules = role.rules.filter { $0.allows(request) }
            if rules.isEmpty { continue }
            for subject in binding.resolvedSubjects where Self.canMatch(subject) {
                for rule in rules {
                    out.append(
                        RBACSubjectGrant(subject: subject, grant: RBACGrant(binding: binding, role: role, rule: rule)))
                }
            }
        }
        return out
    }

    /// Everything `identity` is granted: per binding that names it, the scope (`nil` = cluster-wide,
    /// else the RoleBinding's namespace) and the role's rules.
    public func permissions(of identity: RBACIdentity) -> [(namespace: String?, grant: RBACGrant)] {
        var out: [(namespace: String?, grant: RBACGrant)] = []
        func add(_ binding: RBACBinding) {
            guard let role = policy.role(for: binding) else { return }
            for rule in role.rules {
                guard let effective = binding.isClusterRoleBinding ? rule : Self.namespaced(rule) else { continue }
                out.append((binding.namespace, RBACGrant(binding: binding, role: role, rule: effective)))
            }
        }
        // `policy.allBindings` order: ClusterRoleBindings, then RoleBindings by namespace name.
        for p in index.clusterRoleBindings(of: identity) { add(policy.clusterRoleBindings[p]) }
        let namespaced = index.roleBindings(of: identity)
        for namespace in namespaced.keys.sorted() {
            for p in namespaced[namespace]! { add(policy.roleBindings[namespace]![p]) }
        }
        return out
    }

    /// What a rule can grant through a RoleBinding: requests for non-resource URLs and for
    /// cluster-scoped resources (nodes, namespaces, ...) carry no namespace, so RoleBindings never
    /// grant them. Returns the rule without such entries, `nil` when nothing is left.
    static func namespaced(_ rule: RBACRule) -> RBACRule? {
        var rule = rule
        rule.nonResourceURLs = []
        rule.resources = rule.resources.filter { resource in
            let base = resource.split(separator: "/", maxSplits: 1).first.map(String.init) ?? resource
            guard let entry = RBACResourceCatalog.lookup(base), !entry.namespaced else { return true }
            return !(rule.apiGroups.contains("*") || rule.apiGroups.contains(entry.group))
        }
        return rule.resources.isEmpty ? nil : rule
    }

    /// Non-resource requests have no namespace; resource requests see the RoleBindings of theirs.
    private func applicableBindings(_ request: RBACRequest) -> [RBACBinding] {
        if case .nonResourceURL = request.target { return policy.clusterRoleBindings }
        return policy.bindings(applyingIn: request.namespace)
    }

    /// A ServiceAccount subject without a namespace (possible only in a ClusterRoleBinding) matches nobody.
    private static func canMatch(_ subject: RBACSubject) -> Bool {
        switch subject.kind {
        case RBACSubject.user, RBACSubject.group: return true
        case RBACSubject.serviceAccount: return !(subject.namespace ?? "").isEmpty
        default: return false
        }
    }
}
