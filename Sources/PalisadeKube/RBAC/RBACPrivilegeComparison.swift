/// Whether a service account holds permissions a subject lacks, for the exec path: the account's
/// grants (role and scope) are compared with the subject's, first by role identity (the same role in
/// the same scope, or cluster-wide, covers it), then rule by rule — every concrete request a rule of
/// the account's role allows must be allowed to the subject in that scope. A wildcard is covered
/// only by a wildcard, so the answer errs towards "more privileged" and never hides a path.
/// Answers are cached per (set of subject roles, account role): the service accounts of a
/// namespace, and the namespaces of one subject, share them.
struct RBACPrivilegeComparison {
    let table: RBACEscalationTable
    let index: RBACBindingIndex

    /// A grant of an account: the binding (position, `nil` namespace for ClusterRoleBindings) and its role.
    private struct Held {
        let position: Int
        let namespace: String?
        let role: Int
    }

    private var accountGrants: [RBACSubject: [Held]] = [:]
    private var expanded: [Int: [RBACRequest]] = [:]
    private var expandedNamespaced: [Int: [RBACRequest]] = [:]

    init(table: RBACEscalationTable, index: RBACBindingIndex) {
        self.table = table
        self.index = index
    }

    /// A subject's role sets, per scope: sorted role ids with an id for the set, so that coverage
    /// answers are cached per (set, role) — the service accounts of a namespace share the set.
    private struct SubjectRoles {
        var cluster: (roles: [Int], set: Int)
        var namespaced: [String: (roles: [Int], set: Int)] = [:]
    }

    private var subjectKey: RBACSubject?
    private var subjectRoles = SubjectRoles(cluster: ([], 0))
    private var setIds: [[Int]: Int] = [:]
    private var coverage: [CoverKey: Bool] = [:]

    private struct CoverKey: Hashable {
        let set: Int
        let role: Int
        let namespaced: Bool
    }

    /// The first grant of `account` that `subject` (holding `held`) does not cover, or `nil` when
    /// the account holds nothing more.
    mutating func firstGrantBeyond(account: RBACSubject, subject: RBACSubject, _ held: RBACHeldBindings)
        -> RBACGrant?
    {
        if subjectKey != subject {
            subjectKey = subject
            subjectRoles = SubjectRoles(cluster: roleSet(held, namespace: nil))
        }
        let clusterRoles = subjectRoles.cluster.roles
        for grant in grants(of: account) {
            if clusterRoles.contains(grant.role) { continue }
            var scoped = subjectRoles.cluster
            if let namespace = grant.namespace {
                if let known = subjectRoles.namespaced[namespace] {
                    scoped = known
                } else {
                    scoped = roleSet(held, namespace: namespace)
                    subjectRoles.namespaced[namespace] = scoped
                }
                if scoped.roles.contains(grant.role) { continue }
            }
            let key = CoverKey(set: scoped.set, role: grant.role, namespaced: grant.namespace != nil)
            let isCovered: Bool
            if let known = coverage[key] {
                isCovered = known
            } else {
                isCovered = covers(scoped.roles, grant.role, namespaced: grant.namespace != nil)
                coverage[key] = isCovered
            }
            if isCovered { continue }
            let role = table.roles[grant.role]
            return RBACGrant(
                binding: table.binding(grant.position, namespace: grant.namespace), role: role,
                rule: role.rules.first ?? RBACRule(verbs: []))
        }
        return nil
    }

    private mutating func roleSet(_ held: RBACHeldBindings, namespace: String?) -> (roles: [Int], set: Int) {
        let roles = roles(of: held, namespace: namespace)
        if let id = setIds[roles] { return (roles, id) }
        setIds[roles] = setIds.count
        return (roles, setIds.count - 1)
    }

    /// Whether every concrete request of `role` is allowed by one of `subjectRoles`. Request by
    /// request, stopping at the first one none allows: an account that holds more usually shows it
    /// within a few requests, and a covered role within a few roles per request.
    private mutating func covers(_ subjectRoles: [Int], _ role: Int, namespaced: Bool) -> Bool {
        let requests = concreteRequests(role, namespaced: namespaced)
        for request in requests {
            var allowed = false
            for subjectRole in subjectRoles where table.allows(subjectRole, request) {
                allowed = true
                break
            }
            if !allowed { return false }
        }
        return true
    }

    /// Sorted role ids the subject holds in `namespace` (ClusterRoleBindings count everywhere).
    private func roles(of held: RBACHeldBindings, namespace: String?) -> [Int] {
        var ids = Set(held.cluster.compactMap { table.roleId($0, namespace: nil) })
        if let namespace {
            for p in held.namespaced[namespace] ?? [] {
                if let id = table.roleId(p, namespace: namespace) { ids.insert(id) }
            }
        }
        return ids.sorted()
    }

    /// The account's grants, cluster-wide first. Built-in bindings count only when they name the
    /// account itself: those to the groups every service account is in (API discovery, OIDC
    /// issuer discovery) hold nothing worth an exec.
    private mutating func grants(of account: RBACSubject) -> [Held] {
        if let known = accountGrants[account] { return known }
        let identity = RBACIdentity(account)
        let userKeys = identity.userName.map { ["U:" + $0] } ?? []
        let groupKeys = identity.groups.map { "G:" + $0 }
        var out: [Held] = []
        let viaGroups = Set(index.clusterRoleBindings(ofKeys: groupKeys))
        let own = Set(index.clusterRoleBindings(ofKeys: userKeys))
        for p in viaGroups.union(own).sorted()
        where own.contains(p) || !table.binding(p, namespace: nil).source.isBuiltIn {
            if let role = table.roleId(p, namespace: nil) { out.append(Held(position: p, namespace: nil, role: role)) }
        }
        let namespacedOwn = index.roleBindings(ofKeys: userKeys)
        let namespacedGroups = index.roleBindings(ofKeys: groupKeys)
        for namespace in Set(namespacedOwn.keys).union(namespacedGroups.keys).sorted() {
            let ownHere = Set(namespacedOwn[namespace] ?? [])
            for p in ownHere.union(namespacedGroups[namespace] ?? []).sorted()
            where ownHere.contains(p) || !table.binding(p, namespace: namespace).source.isBuiltIn {
                if let role = table.roleId(p, namespace: namespace) {
                    out.append(Held(position: p, namespace: namespace, role: role))
                }
            }
        }
        accountGrants[account] = out
        return out
    }

    /// Every request the role's rules name literally (verbs × groups × resources × names, or verbs ×
    /// URLs); through a RoleBinding without cluster-scoped resources and URLs.
    private mutating func concreteRequests(_ role: Int, namespaced: Bool) -> [RBACRequest] {
        if let known = namespaced ? expandedNamespaced[role] : expanded[role] { return known }
        var out: [RBACRequest] = []
        var seen = Set<RBACRequest>()
        for rule in table.roles[role].rules {
            guard let rule = namespaced ? RBACAuthorizer.namespaced(rule) : rule else { continue }
            for verb in rule.verbs {
                for url in rule.nonResourceURLs {
                    let request = RBACRequest(verb: verb, nonResourceURL: url)
                    if seen.insert(request).inserted { out.append(request) }
                }
                for group in rule.apiGroups {
                    for resource in rule.resources {
                        let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                        let sub = parts.count == 2 ? parts[1] : ""
                        for name in rule.resourceNames.isEmpty ? [""] : rule.resourceNames {
                            let request = RBACRequest(
                                verb: verb, group: group, resource: parts.first ?? "", subresource: sub, name: name)
                            if seen.insert(request).inserted { out.append(request) }
                        }
                    }
                }
            }
        }
        if namespaced { expandedNamespaced[role] = out } else { expanded[role] = out }
        return out
    }
}
