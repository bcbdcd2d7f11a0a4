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
    private var expanded: [Int: [Int]] = [:]
    private var expandedNamespaced: [Int: [Int]] = [:]
    /// Concrete requests, interned: `expanded` lists their numbers.
    private var requestIds: [RBACRequest: Int] = [:]
    private var requestList: [RBACRequest] = []
    private var allowed: [Int: Bool] = [:]

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
        select(subject, held)
        for grant in grants(of: account) {
            if isCovered(grant.role, in: grant.namespace, held) { continue }
            let role = table.roles[grant.role]
            return RBACGrant(
                binding: table.binding(grant.position, namespace: grant.namespace), role: role,
                rule: role.rules.first ?? RBACRule(verbs: []))
        }
        return nil
    }

    /// Whether the subject (set by `firstGrantBeyond` or `firstAccountsBeyond`) covers `role`
    /// granted in `namespace` (`nil` = cluster-wide).
    private mutating func isCovered(_ role: Int, in namespace: String?, _ held: RBACHeldBindings) -> Bool {
        if subjectRoles.cluster.roles.contains(role) { return true }
        var scoped = subjectRoles.cluster
        if let namespace {
            if let known = subjectRoles.namespaced[namespace] {
                scoped = known
            } else {
                scoped = roleSet(held, namespace: namespace)
                subjectRoles.namespaced[namespace] = scoped
            }
            if scoped.roles.contains(role) { return true }
        }
        return isCovered(role, by: scoped, namespaced: namespace != nil)
    }

    /// `covers`, remembered per (role set, role, through a RoleBinding or not).
    private mutating func isCovered(_ role: Int, by set: (roles: [Int], set: Int), namespaced: Bool) -> Bool {
        let key = CoverKey(set: set.set, role: role, namespaced: namespaced)
        if let known = coverage[key] { return known }
        let answer = covers(set.roles, role, namespaced: namespaced)
        coverage[key] = answer
        return answer
    }

    private mutating func select(_ subject: RBACSubject, _ held: RBACHeldBindings) {
        guard subjectKey != subject else { return }
        subjectKey = subject
        subjectRoles = SubjectRoles(cluster: roleSet(held, namespace: nil))
    }

    /// Positions in one candidate list by the roles their accounts hold, built once per list.
    private struct GrantIndex {
        /// Cluster-wide grants: role → candidate positions, ascending.
        var cluster: [Int: [Int]] = [:]
        /// Grants through RoleBindings: role → (position, namespace), ascending by position.
        var namespaced: [Int: [(position: Int, namespace: String)]] = [:]
    }

    /// Per scope (`nil` = cluster-wide): the candidate list of a scope is always the same.
    private var grantIndexes: [String?: GrantIndex] = [:]

    /// The first `limit` positions of `candidates` (in order, skipping `subject` itself) whose
    /// account holds a grant the subject does not cover: the same answer as asking
    /// `firstGrantBeyond` of each in turn, but per role rather than per account. A subject that
    /// covers nearly everything (the ones with cluster-wide exec or pod creation) made that walk
    /// read every account's grants, once per subject: quadratic in a large cluster.
    mutating func firstAccountsBeyond(
        _ candidates: [RBACSubject], scope: String?, subject: RBACSubject, _ held: RBACHeldBindings, limit: Int
    ) -> [Int] {
        select(subject, held)
        let index = grantIndexes[scope] ?? grantIndex(candidates)
        grantIndexes[scope] = index
        var found: [Int] = []
        func take(_ position: Int) -> Bool {
            guard candidates[position] != subject else { return false }
            found.append(position)
            return true
        }
        for role in index.cluster.keys.sorted() where !isCovered(role, in: nil, held) {
            var taken = 0
            for position in index.cluster[role] ?? [] {
                if taken == limit { break }
                if take(position) { taken += 1 }
            }
        }
        for role in index.namespaced.keys.sorted() where !subjectRoles.cluster.roles.contains(role) {
            // Covered with the cluster-wide roles alone means covered in every namespace (a
            // namespace only adds roles); otherwise each grant is asked in its namespace.
            if isCovered(role, by: subjectRoles.cluster, namespaced: true) { continue }
            // One account can hold the role in several namespaces: count positions, not grants.
            var taken = 0
            var last = -1
            for entry in index.namespaced[role] ?? [] where entry.position != last {
                if taken == limit { break }
                if !isCovered(role, in: entry.namespace, held), take(entry.position) {
                    taken += 1
                    last = entry.position
                }
            }
        }
        return Array(Set(found).sorted().prefix(limit))
    }

    private mutating func grantIndex(_ candidates: [RBACSubject]) -> GrantIndex {
        var index = GrantIndex()
        for (position, account) in candidates.enumerated() {
            for grant in grants(of: account) {
                if let namespace = grant.namespace {
                    index.namespaced[grant.role, default: []].append((position, namespace))
                } else if index.cluster[grant.role]?.last != position {
                    index.cluster[grant.role, default: []].append(position)
                }
            }
        }
        return index
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
            for subjectRole in subjectRoles where allows(subjectRole, request) {
                allowed = true
                break
            }
            if !allowed { return false }
        }
        return true
    }

    /// `table.allows` for a role and an interned request, remembered: subjects bound to the same
    /// roles ask the same pairs again for every role they are compared with, and each answer
    /// matches the role's rules (copying them).
    private mutating func allows(_ role: Int, _ request: Int) -> Bool {
        let key = role << 32 | request
        if let known = allowed[key] { return known }
        let answer = table.allows(role, requestList[request])
        allowed[key] = answer
        return answer
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
    private mutating func concreteRequests(_ role: Int, namespaced: Bool) -> [Int] {
        if let known = namespaced ? expandedNamespaced[role] : expanded[role] { return known }
        var out: [Int] = []
        var seen = Set<Int>()
        func add(_ request: RBACRequest) {
            let id: Int
            if let known = requestIds[request] {
                id = known
            } else {
                id = requestList.count
                requestIds[request] = id
                requestList.append(request)
            }
            if seen.insert(id).inserted { out.append(id) }
        }
        for rule in table.roles[role].rules {
            guard let rule = namespaced ? RBACAuthorizer.namespaced(rule) : rule else { continue }
            for verb in rule.verbs {
                for url in rule.nonResourceURLs {
                    add(RBACRequest(verb: verb, nonResourceURL: url))
                }
                for group in rule.apiGroups {
                    for resource in rule.resources {
                        let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                        let sub = parts.count == 2 ? parts[1] : ""
                        for name in rule.resourceNames.isEmpty ? [""] : rule.resourceNames {
                            add(
                                RBACRequest(
                                    verb: verb, group: group, resource: parts.first ?? "", subresource: sub,
                                    name: name))
                        }
                    }
                }
            }
        }
        if namespaced { expandedNamespaced[role] = out } else { expanded[role] = out }
        return out
    }
}
