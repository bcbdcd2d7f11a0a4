import PalisadeCore

/// Privilege-escalation paths of the subjects the manifests bind: for each subject of a binding
/// written in the manifests (built-in bindings are the cluster's own), its effective permissions are
/// checked against `RBACEscalationRules` cluster-wide and in every namespace with RoleBindings.
/// Each path is one finding with the chain spelled out: subject -> granting binding and role ->
/// permission -> what it leads to -> the service accounts within reach.
public struct RBACEscalations: Sendable {
    public let authorizer: RBACAuthorizer

    /// Namespaces whose RoleBindings name a user (`U:` + user name, service accounts by theirs) or a
    /// group (`G:` + name), so each subject is checked only where a RoleBinding can grant it something.
    private let roleBindingNamespaces: [String: Set<String>]
    /// Service accounts named by the manifests' bindings, by their namespace and all together (sorted labels).
    private let accountsByNamespace: [String: [String]]
    private let allAccounts: [String]

    public init(policy: RBACPolicy) {
        authorizer = RBACAuthorizer(policy: policy)
        var index: [String: Set<String>] = [:]
        for (namespace, bindings) in policy.roleBindings {
            for binding in bindings {
                for s in binding.resolvedSubjects {
                    switch s.kind {
                    case RBACSubject.user: index["U:" + s.name, default: []].insert(namespace)
                    case RBACSubject.group: index["G:" + s.name, default: []].insert(namespace)
                    case RBACSubject.serviceAccount:
                        let user = "system:serviceaccount:\(s.namespace ?? ""):\(s.name)"
                        index["U:" + user, default: []].insert(namespace)
                    default: break
                    }
                }
            }
        }
        roleBindingNamespaces = index
        var accounts: [String: Set<String>] = [:]
        for binding in policy.allBindings where !binding.source.isBuiltIn {
            for s in binding.resolvedSubjects where s.kind == RBACSubject.serviceAccount {
                if let ns = s.namespace, !ns.isEmpty { accounts[ns, default: []].insert(s.label) }
            }
        }
        accountsByNamespace = accounts.mapValues { $0.sorted() }
        allAccounts = accounts.values.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
    }

    /// The namespaces where some RoleBinding names `identity` (by user name or one of its groups).
    private func namespaces(for identity: RBACIdentity) -> [String] {
        var out = Set<String>()
        if let user = identity.userName { out.formUnion(roleBindingNamespaces["U:" + user] ?? []) }
        for group in identity.groups { out.formUnion(roleBindingNamespaces["G:" + group] ?? []) }
        return out.sorted()
    }

    /// The rules these findings use (for `rules` listings and reports).
    public static var rules: [RuleMetadata] { RBACEscalationRules.all.map(\.metadata) }

    public func findings() -> [Finding] {
        let policy = authorizer.policy
        var subjects: [RBACSubject] = []
        var seen = Set<RBACSubject>()
        for binding in policy.allBindings where !binding.source.isBuiltIn {
            for s in binding.resolvedSubjects where seen.insert(s).inserted {
                if s.kind == RBACSubject.serviceAccount && (s.namespace ?? "").isEmpty { continue }
                if [RBACSubject.user, RBACSubject.group, RBACSubject.serviceAccount].contains(s.kind) {
                    subjects.append(s)
                }
            }
        }
        var out: [Finding] = []
        for subject in subjects.sorted() {
            let identity = RBACIdentity(subject)
            let scopes = namespaces(for: identity)
            for check in RBACEscalationRules.all {
                if let grant = allowed(check, identity, namespace: nil) {
                    out.append(finding(check, subject, grant, namespace: nil))
                    continue
                }
                guard check.namespaced else { continue }
                for ns in scopes {
                    if let grant = allowed(check, identity, namespace: ns) {
                        out.append(finding(check, subject, grant, namespace: ns))
                    }
                }
            }
        }
        return out
    }

    /// The first grant of one of the check's requests in `namespace`, when every extra step is allowed too.
    private func allowed(_ check: RBACEscalationCheck, _ identity: RBACIdentity, namespace: String?) -> RBACGrant? {
        func scoped(_ r: RBACRequest) -> RBACRequest {
            var r = r
            r.namespace = check.namespaced ? namespace : nil
            return r
        }
        for extra in check.alsoRequired where !authorizer.allows(identity, scoped(extra)) { return nil }
        for request in check.requests {
            if let grant = authorizer.grants(identity, scoped(request)).first { return grant }
        }
        return nil
    }

    /// Service accounts bound in `namespace` (or anywhere, for cluster-wide), for the chain's last step.
    private func serviceAccounts(in namespace: String?) -> [String] {
        guard let namespace else { return allAccounts }
        return accountsByNamespace[namespace] ?? []
    }

    private func finding(_ check: RBACEscalationCheck, _ subject: RBACSubject, _ grant: RBACGrant, namespace: String?)
        -> Finding
    {
        let scope = namespace.map { "in namespace \($0)" } ?? (check.namespaced ? "in every namespace" : "cluster-wide")
        var chain = "\(subject.label) -> \(grant.path) -> \(grant.rule.summary) \(scope) -> can \(check.leadsTo)"
        if check.metadata.id == "RBAC-ESC-WORKLOAD-CREATE" || check.metadata.id == "RBAC-ESC-SECRETS-READ"
            || check.metadata.id == "RBAC-ESC-SA-TOKEN"
        {
            let accounts = serviceAccounts(in: namespace).filter { $0 != subject.label }
            if !accounts.isEmpty {
                let shown = accounts.prefix(5).joined(separator: ", ")
                chain += " -> and so their permissions: " + shown + (accounts.count > 5 ? ", …" : "")
            }
        }
        let binding = grant.binding
        let location: Location
        switch binding.source {
        case .manifest(let file, let line): location = Location(file: file, line: line, column: 1, path: "subjects")
        case .builtIn: location = Location(file: "built-in", line: 0, column: 0, path: "")
        }
        let reference = ObjectReference(
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: binding.isClusterRoleBinding ? "ClusterRoleBinding" : "RoleBinding", namespace: binding.namespace,
            name: binding.name)
        return Finding(rule: check.metadata, message: chain, object: reference, location: location)
    }
}
