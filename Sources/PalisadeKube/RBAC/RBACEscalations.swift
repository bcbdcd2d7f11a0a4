import PalisadeCore

/// Privilege-escalation paths of the subjects the manifests bind: for each subject of a binding
/// written in the manifests (built-in bindings are the cluster's own), its effective permissions are
/// checked against `RBACEscalationRules` cluster-wide and in every namespace with RoleBindings.
/// Each path is one finding with the chain spelled out: subject -> granting binding and role ->
/// permission -> what it leads to -> the service accounts within reach.
///
/// Built for cluster scale (thousands of subjects and bindings): the bindings naming a subject come
/// from an index, and which rule of a role allows which check's request is computed once per role,
/// so a subject costs a walk over its own bindings only. The answers are those of
/// `RBACAuthorizer.grants` in the same order (first request, then binding, then rule).
public struct RBACEscalations: Sendable {
    public let authorizer: RBACAuthorizer

    private let index: RBACBindingIndex
    /// Service accounts named by the manifests' bindings, by their namespace and all together (sorted labels).
    private let accountsByNamespace: [String: [String]]
    private let allAccounts: [String]
    /// Service accounts pods run as (from the objects), for the exec path; `nil` without objects.
    private let workloadAccounts: RBACWorkloadAccounts?
    private let table: RBACEscalationTable

    /// Without the workloads, the exec path takes every service account the manifests bind in scope
    /// as one a pod may run as.
    public init(policy: RBACPolicy) {
        self.init(policy: policy, workloads: nil)
    }

    /// `objects` are the manifests the policy was read from: their pods and workloads tell which
    /// service accounts run where, for the exec path (`RBAC-ESC-POD-EXEC`).
    public init(policy: RBACPolicy, objects: [KubeObject]) {
        self.init(policy: policy, workloads: RBACWorkloadAccounts(objects: objects))
    }

    private init(policy: RBACPolicy, workloads: RBACWorkloadAccounts?) {
        authorizer = RBACAuthorizer(policy: policy)
        index = authorizer.index
        workloadAccounts = workloads
        table = RBACEscalationTable(policy: policy, checks: RBACEscalationRules.all)
        var accounts: [String: Set<String>] = [:]
        for binding in policy.allBindings where !binding.source.isBuiltIn {
            for s in binding.resolvedSubjects where s.kind == RBACSubject.serviceAccount {
                if let ns = s.namespace, !ns.isEmpty { accounts[ns, default: []].insert(s.label) }
            }
        }
        accountsByNamespace = accounts.mapValues { $0.sorted() }
        allAccounts = accounts.values.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
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
        var comparison = RBACPrivilegeComparison(table: table, index: index)
        var out: [Finding] = []
        for subject in subjects.sorted() {
            let identity = RBACIdentity(subject)
            let held = RBACHeldBindings(
                cluster: index.clusterRoleBindings(of: identity), namespaced: index.roleBindings(of: identity))
            let scopes = held.namespaced.keys.sorted()
            for (c, check) in RBACEscalationRules.all.enumerated() {
                if let grant = allowed(c, held, namespace: nil) {
                    if let f = finding(check, subject, held, grant, namespace: nil, comparison: &comparison) {
                        out.append(f)
                    }
                    continue
                }
                guard check.namespaced else { continue }
                for ns in scopes {
                    if let grant = allowed(c, held, namespace: ns),
                        let f = finding(check, subject, held, grant, namespace: ns, comparison: &comparison)
                    {
                        out.append(f)
                    }
                }
            }
        }
        return out
    }

    /// The first grant of one of the check's requests in `namespace`, when every extra step is allowed too.
    private func allowed(_ check: Int, _ held: RBACHeldBindings, namespace: String?) -> RBACGrant? {
        for extra in table.extras[check] where table.firstGrant(extra, held, namespace: namespace) == nil {
            return nil
        }
        for request in table.requests[check] {
            if let grant = table.firstGrant(request, held, namespace: namespace) { return grant }
        }
        return nil
    }

    /// Service accounts bound in `namespace` (or anywhere, for cluster-wide), for the chain's last step.
    private func serviceAccounts(in namespace: String?) -> [String] {
        guard let namespace else { return allAccounts }
        return accountsByNamespace[namespace] ?? []
    }

    /// The finding, or `nil` when the path leads nowhere (exec with no more privileged account in reach).
    private func finding(
        _ check: RBACEscalationCheck, _ subject: RBACSubject, _ held: RBACHeldBindings, _ grant: RBACGrant,
        namespace: String?, comparison: inout RBACPrivilegeComparison
    ) -> Finding? {
        let scope = namespace.map { "in namespace \($0)" } ?? (check.namespaced ? "in every namespace" : "cluster-wide")
        var chain = "\(subject.label) -> \(grant.path) -> \(grant.rule.summary) \(scope) -> can \(check.leadsTo)"
        if check.needsMorePrivilegedAccount {
            let steps = morePrivilegedAccounts(than: subject, held, in: namespace, comparison: &comparison)
            if steps.isEmpty { return nil }
            chain += " -> " + steps.joined(separator: "; ")
        } else if check.metadata.id == "RBAC-ESC-WORKLOAD-CREATE" || check.metadata.id == "RBAC-ESC-SECRETS-READ"
            || check.metadata.id == "RBAC-ESC-SA-TOKEN"
        {
            // The first six other than the subject (lazily: cluster-wide, that is every account).
            let label = subject.label
            let accounts = Array(serviceAccounts(in: namespace).lazy.filter { $0 != label }.prefix(6))
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

    /// Up to three steps `sa:NS:NAME (runs Deployment NS/web) holds ClusterRole/x via RoleBinding/NS/b`
    /// for service accounts in scope holding a grant the subject lacks, `…` when there are more.
    private func morePrivilegedAccounts(
        than subject: RBACSubject, _ held: RBACHeldBindings, in namespace: String?,
        comparison: inout RBACPrivilegeComparison
    ) -> [String] {
        var candidates: [(account: RBACSubject, runs: String?)]
        if let workloadAccounts {
            candidates = workloadAccounts.accounts(in: namespace).map { ($0.account, $0.workload) }
        } else {
            candidates = serviceAccounts(in: namespace).compactMap { RBACSubject.parse($0).map { ($0, nil) } }
        }
        // Account by account; past the first `probe` of a long list without enough hits, the
        // subject covers most accounts, and the rest is found per role instead.
        let probe = 64
        var hits: [Int] = []
        for (position, candidate) in candidates.enumerated() where candidate.account != subject {
            if position >= probe, candidates.count > 2 * probe {
                hits = comparison.firstAccountsBeyond(
                    candidates.map(\.account), scope: namespace, subject: subject, held, limit: 4)
                break
            }
            if comparison.firstGrantBeyond(account: candidate.account, subject: subject, held) != nil {
                hits.append(position)
                if hits.count == 4 { break }
            }
        }
        var steps: [String] = []
        for position in hits.prefix(3) {
            let (account, runs) = candidates[position]
            guard let extra = comparison.firstGrantBeyond(account: account, subject: subject, held) else { continue }
            let running = runs.map { " (runs \($0))" } ?? ""
            steps.append(
                "\(account.label)\(running) holds \(extra.role.label) via \(extra.binding.label), "
                    + "which \(subject.label) lacks")
        }
        if hits.count == 4 { steps.append("…") }
        return steps
    }
}
