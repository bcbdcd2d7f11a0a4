/// The bindings that name one identity: positions in `clusterRoleBindings`, and per namespace in
/// `roleBindings[namespace]`, ascending (the authorizer's order).
struct RBACHeldBindings: Sendable {
    let cluster: [Int]
    let namespaced: [String: [Int]]
}

/// Which rule of each role allows each request of the escalation checks, computed once per role:
/// rule matching ignores the request's namespace (that is the binding's business), so the answer
/// is the same for every subject and scope, and a subject's check becomes a walk over its bindings.
struct RBACEscalationTable: Sendable {
    let policy: RBACPolicy
    /// Every role some binding refers to, once.
    let roles: [RBACRole]
    /// Role of each ClusterRoleBinding (by position), `nil` when it refers to none.
    let clusterRoleIds: [Int?]
    /// Role of each RoleBinding, per namespace by position.
    let roleBindingRoleIds: [String: [Int?]]
    /// Per check, ids of its requests and of its extra required requests.
    let requests: [[Int]]
    let extras: [[Int]]
    /// `firstRule[role][request]`: index in the role's rules of the first rule allowing the request.
    let firstRule: [[Int?]]

    init(policy: RBACPolicy, checks: [RBACEscalationCheck]) {
        self.policy = policy
        var roles: [RBACRole] = []
        var ids: [String: Int] = [:]
        func id(_ binding: RBACBinding) -> Int? {
            guard let role = policy.role(for: binding) else { return nil }
            let label = role.label
            if let found = ids[label] { return found }
            ids[label] = roles.count
            roles.append(role)
            return roles.count - 1
        }
        clusterRoleIds = policy.clusterRoleBindings.map(id)
        roleBindingRoleIds = policy.roleBindings.mapValues { $0.map(id) }
        self.roles = roles
        var distinct: [RBACRequest] = []
        var requestIds: [RBACRequest: Int] = [:]
        func requestId(_ r: RBACRequest) -> Int {
            if let found = requestIds[r] { return found }
            requestIds[r] = distinct.count
            distinct.append(r)
            return distinct.count - 1
        }
        requests = checks.map { $0.requests.map(requestId) }
        extras = checks.map { $0.alsoRequired.map(requestId) }
        firstRule = roles.map { role in distinct.map { r in role.rules.firstIndex { $0.allows(r) } } }
    }

    /// Whether some rule of role `role` allows `request`, without copying the rules.
    func allows(_ role: Int, _ request: RBACRequest) -> Bool {
        roles[role].rules.withUnsafeBufferPointer { rules in
            for i in rules.indices where rules[i].allows(request) { return true }
            return false
        }
    }

    /// Role id of a held binding: ClusterRoleBinding position (`namespace == nil`) or RoleBinding in `namespace`.
    func roleId(_ position: Int, namespace: String?) -> Int? {
        guard let namespace else { return clusterRoleIds[position] }
        return roleBindingRoleIds[namespace]?[position] ?? nil
    }

    func binding(_ position: Int, namespace: String?) -> RBACBinding {
        guard let namespace else { return policy.clusterRoleBindings[position] }
        return policy.roleBindings[namespace]![position]
    }

    /// What `RBACAuthorizer.grants(identity, request in namespace).first` returns, from the held bindings.
    func firstGrant(_ request: Int, _ held: RBACHeldBindings, namespace: String?) -> RBACGrant? {
        for p in held.cluster {
            if let role = clusterRoleIds[p], let rule = firstRule[role][request] {
                return grant(p, namespace: nil, role: role, rule: rule)
            }
        }
        guard let namespace, let positions = held.namespaced[namespace] else { return nil }
        for p in positions {
            if let role = roleId(p, namespace: namespace), let rule = firstRule[role][request] {
                return grant(p, namespace: namespace, role: role, rule: rule)
            }
        }
        return nil
    }

    private func grant(_ position: Int, namespace: String?, role: Int, rule: Int) -> RBACGrant {
        RBACGrant(binding: binding(position, namespace: namespace), role: roles[role], rule: roles[role].rules[rule])
    }
}
