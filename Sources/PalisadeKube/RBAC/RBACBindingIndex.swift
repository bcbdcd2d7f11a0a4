/// The bindings of a policy by the identity keys their subjects match, so the bindings that apply
/// to one identity are found with a few dictionary lookups instead of walking all of them (5,000
/// bindings × thousands of subjects is what made cluster-scale escalation analysis slow).
///
/// Keys: `U:` + user name (a ServiceAccount subject is the user
/// `system:serviceaccount:NS:NAME`, its namespace defaulting to the RoleBinding's), `G:` + group.
/// An identity's bindings are the union over its user name and groups, in the authorizer's order,
/// each binding once — the same set `RBACIdentity.matches` selects.
public struct RBACBindingIndex: Sendable {
    /// Positions in `policy.clusterRoleBindings` by key.
    private let cluster: [String: [Int]]
    /// By key, per namespace, positions in `policy.roleBindings[namespace]`.
    private let namespaced: [String: [String: [Int]]]

    public init(policy: RBACPolicy) {
        var cluster: [String: [Int]] = [:]
        for (i, binding) in policy.clusterRoleBindings.enumerated() {
            for key in Set(binding.subjects.compactMap { Self.key($0, bindingNamespace: nil) }) {
                cluster[key, default: []].append(i)
            }
        }
        var namespaced: [String: [String: [Int]]] = [:]
        for (namespace, bindings) in policy.roleBindings {
            for (i, binding) in bindings.enumerated() {
                for key in Set(binding.subjects.compactMap { Self.key($0, bindingNamespace: namespace) }) {
                    namespaced[key, default: [:]][namespace, default: []].append(i)
                }
            }
        }
        self.cluster = cluster
        self.namespaced = namespaced
    }

    /// The key a subject matches under, `nil` when it matches nobody (unknown kind, a
    /// ServiceAccount without a namespace).
    static func key(_ subject: RBACSubject, bindingNamespace: String?) -> String? {
        switch subject.kind {
        case RBACSubject.user: return "U:" + subject.name
        case RBACSubject.group: return "G:" + subject.name
        case RBACSubject.serviceAccount:
            guard let ns = subject.namespace ?? bindingNamespace, !ns.isEmpty else { return nil }
            return "U:system:serviceaccount:" + ns + ":" + subject.name
        default: return nil
        }
    }

    static func keys(_ identity: RBACIdentity) -> [String] {
        (identity.userName.map { ["U:" + $0] } ?? []) + identity.groups.map { "G:" + $0 }
    }

    /// Positions in `policy.clusterRoleBindings` of the ClusterRoleBindings that name `identity`, ascending.
    public func clusterRoleBindings(of identity: RBACIdentity) -> [Int] {
        clusterRoleBindings(ofKeys: Self.keys(identity))
    }

    func clusterRoleBindings(ofKeys keys: [String]) -> [Int] {
        Self.union(keys.map { cluster[$0] ?? [] })
    }

    /// Per namespace, positions in `policy.roleBindings[namespace]` of the RoleBindings naming
    /// `identity`, ascending; namespaces where none does are absent.
    public func roleBindings(of identity: RBACIdentity) -> [String: [Int]] {
        roleBindings(ofKeys: Self.keys(identity))
    }

    func roleBindings(ofKeys keys: [String]) -> [String: [Int]] {
        var out: [String: [[Int]]] = [:]
        for key in keys {
            for (namespace, positions) in namespaced[key] ?? [:] { out[namespace, default: []].append(positions) }
        }
        return out.mapValues(Self.union)
    }

    /// Positions in `policy.roleBindings[namespace]` of the RoleBindings naming one of `keys`, ascending.
    func roleBindings(ofKeys keys: [String], in namespace: String) -> [Int] {
        Self.union(keys.compactMap { namespaced[$0]?[namespace] })
    }

    private static func union(_ lists: [[Int]]) -> [Int] {
        if lists.isEmpty { return [] }
        if lists.count == 1 { return lists[0] }
        return Array(Set(lists.joined())).sorted()
    }
}
