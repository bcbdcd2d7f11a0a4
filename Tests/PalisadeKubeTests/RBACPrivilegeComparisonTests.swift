import PalisadeFormats
import SeededRandom
import Testing

@testable import PalisadeKube

/// `firstAccountsBeyond` (per role, for subjects that cover most accounts) must name exactly the
/// accounts that asking `firstGrantBeyond` of each account in turn names.
@Suite struct RBACPrivilegeComparisonTests {
    static func randomPolicy(_ rng: inout SplitMix64) -> (RBACPolicy, [RBACSubject]) {
        let verbs = ["get", "list", "create", "delete", "*"]
        let resources = ["pods", "secrets", "configmaps", "pods/exec", "*"]
        var docs: [String] = []
        let roles = 8
        for r in 0..<roles {
            let rules = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                let v = verbs.randomElement(using: &rng)!
                let res = resources.randomElement(using: &rng)!
                let group = Int.random(in: 0..<6, using: &rng) == 0 ? "'*'" : "''"
                return "- {apiGroups: [\(group)], resources: ['\(res)'], verbs: ['\(v)']}"
            }
            docs.append(
                "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r\(r)}\nrules:\n"
                    + rules.joined(separator: "\n"))
        }
        docs.append(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: god}\nrules:\n"
                + "- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}")
        let namespaces = ["a", "b", "c"]
        var accounts: [RBACSubject] = []
        for i in 0..<300 {
            let ns = namespaces.randomElement(using: &rng)!
            accounts.append(RBACSubject(kind: RBACSubject.serviceAccount, name: "sa\(i)", namespace: ns))
            for b in 0..<Int.random(in: 0...2, using: &rng) {
                let role = Int.random(in: 0..<roles, using: &rng)
                let cluster = Int.random(in: 0..<3, using: &rng) == 0
                let subject = "[{kind: ServiceAccount, name: sa\(i), namespace: \(ns)}]"
                let bindingNs = Int.random(in: 0..<4, using: &rng) == 0 ? namespaces.randomElement(using: &rng)! : ns
                docs.append(
                    cluster
                        ? "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: c\(i)-\(b)}\n"
                            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r\(role)}\nsubjects: \(subject)"
                        : "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: n\(i)-\(b), namespace: \(bindingNs)}\n"
                            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r\(role)}\nsubjects: \(subject)"
                )
            }
        }
        // Subjects: strong (god cluster-wide, or several roles), weak, and namespaced extras.
        var subjects: [RBACSubject] = []
        for s in 0..<6 {
            let user = RBACSubject(kind: RBACSubject.user, name: "u\(s)")
            subjects.append(user)
            let granted =
                s == 0
                ? ["god"]
                : (0..<Int.random(in: 1...6, using: &rng)).map { _ in "r\(Int.random(in: 0..<roles, using: &rng))" }
            for (k, role) in granted.enumerated() {
                docs.append(
                    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: u\(s)-\(k)}\n"
                        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: \(role)}\n"
                        + "subjects: [{kind: User, name: u\(s), apiGroup: rbac.authorization.k8s.io}]")
            }
            if s % 2 == 1 {
                docs.append(
                    "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: u\(s)-ns, namespace: b}\n"
                        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r\(Int.random(in: 0..<roles, using: &rng))}\n"
                        + "subjects: [{kind: User, name: u\(s), apiGroup: rbac.authorization.k8s.io}]")
            }
        }
        subjects.append(accounts[0])
        var loaded = KubeObjectLoader.Loaded()
        let text = docs.joined(separator: "\n---\n")
        KubeObjectLoader().load(SourceBuffer(name: "t.yaml", copying: Array(text.utf8)), into: &loaded)
        return (RBACPolicy(objects: loaded.objects, builtInRoles: false), subjects + [accounts[0]] + accounts)
    }

    @Test(arguments: 0..<20) func perRoleAnswerEqualsPerAccountWalk(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let (policy, everyone) = Self.randomPolicy(&rng)
        let subjects = Array(everyone.prefix(8))
        let candidates = Array(everyone.dropFirst(8))
        let index = RBACBindingIndex(policy: policy)
        let table = RBACEscalationTable(policy: policy, checks: RBACEscalationRules.all)
        for subject in subjects {
            let identity = RBACIdentity(subject)
            let held = RBACHeldBindings(
                cluster: index.clusterRoleBindings(of: identity), namespaced: index.roleBindings(of: identity))
            var walk = RBACPrivilegeComparison(table: table, index: index)
            var expected: [Int] = []
            for (p, account) in candidates.enumerated() where account != subject {
                if walk.firstGrantBeyond(account: account, subject: subject, held) != nil { expected.append(p) }
            }
            for limit in [1, 4, 1000] {
                var perRole = RBACPrivilegeComparison(table: table, index: index)
                let got = perRole.firstAccountsBeyond(candidates, scope: nil, subject: subject, held, limit: limit)
                #expect(got == Array(expected.prefix(limit)), "seed \(seed) \(subject.label) limit \(limit)")
            }
        }
    }
}
