import PalisadeCore
import Testing

@Suite("RBAC binding rules")
struct RBACBindingRuleTests {
    static let alice = "- kind: User\n  name: alice\n  apiGroup: rbac.authorization.k8s.io"
    static let masters = "- kind: Group\n  name: system:masters\n  apiGroup: rbac.authorization.k8s.io"
    static let anonymous = "- kind: User\n  name: system:anonymous\n  apiGroup: rbac.authorization.k8s.io"
    static let unauthenticated = "- kind: Group\n  name: system:unauthenticated\n  apiGroup: rbac.authorization.k8s.io"
    static let authenticated = "- kind: Group\n  name: system:authenticated\n  apiGroup: rbac.authorization.k8s.io"
    static let defaultSA = "- kind: ServiceAccount\n  name: default\n  namespace: team"
    static let appSA = "- kind: ServiceAccount\n  name: app\n  namespace: team"

    static let cases: [RoleCase] = [
        RoleCase(
            "K8S-RBAC-CLUSTER-ADMIN-BINDING", 1, "ClusterRoleBinding",
            RBACTestSupport.binding(role: "cluster-admin", subjects: alice)),
        RoleCase(
            "K8S-RBAC-CLUSTER-ADMIN-BINDING", 1, "RoleBinding to the ClusterRole",
            RBACTestSupport.binding(kind: "RoleBinding", role: "cluster-admin", subjects: appSA, namespace: "team")),
        RoleCase(
            "K8S-RBAC-CLUSTER-ADMIN-BINDING", 0, "a Role that happens to be named cluster-admin",
            RBACTestSupport.binding(
                kind: "RoleBinding", roleKind: "Role", role: "cluster-admin", subjects: appSA, namespace: "team")),
        RoleCase(
            "K8S-RBAC-CLUSTER-ADMIN-BINDING", 0, "view",
            RBACTestSupport.binding(role: "view", subjects: alice)),
        RoleCase(
            "K8S-RBAC-SYSTEM-MASTERS", 1, "group system:masters",
            RBACTestSupport.binding(role: "view", subjects: masters)),
        RoleCase(
            "K8S-RBAC-SYSTEM-MASTERS", 0, "a user", RBACTestSupport.binding(role: "view", subjects: alice)),
        RoleCase(
            "K8S-RBAC-ANONYMOUS-BINDING", 1, "system:anonymous",
            RBACTestSupport.binding(role: "view", subjects: anonymous)),
        RoleCase(
            "K8S-RBAC-ANONYMOUS-BINDING", 2, "anonymous and unauthenticated",
            RBACTestSupport.binding(role: "edit", subjects: anonymous + "\n" + unauthenticated)),
        RoleCase(
            "K8S-RBAC-ANONYMOUS-BINDING", 0, "bootstrap public-info-viewer",
            RBACTestSupport.binding(role: "system:public-info-viewer", subjects: unauthenticated)),
        RoleCase(
            "K8S-RBAC-ANONYMOUS-BINDING", 0, "authenticated is a different rule",
            RBACTestSupport.binding(role: "view", subjects: authenticated)),
        RoleCase(
            "K8S-RBAC-AUTHENTICATED-BINDING", 1, "system:authenticated",
            RBACTestSupport.binding(role: "view", subjects: authenticated)),
        RoleCase(
            "K8S-RBAC-AUTHENTICATED-BINDING", 0, "bootstrap discovery",
            RBACTestSupport.binding(role: "system:discovery", subjects: authenticated)),
        RoleCase(
            "K8S-RBAC-AUTHENTICATED-BINDING", 0, "a user", RBACTestSupport.binding(role: "view", subjects: alice)),
        RoleCase(
            "K8S-RBAC-DEFAULT-SA-BINDING", 1, "default service account",
            RBACTestSupport.binding(kind: "RoleBinding", role: "view", subjects: defaultSA, namespace: "team")),
        RoleCase(
            "K8S-RBAC-DEFAULT-SA-BINDING", 1, "default service account as a user name",
            RBACTestSupport.binding(
                role: "view", subjects: "- kind: User\n  name: system:serviceaccount:team:default")),
        RoleCase(
            "K8S-RBAC-DEFAULT-SA-BINDING", 0, "dedicated service account",
            RBACTestSupport.binding(kind: "RoleBinding", role: "view", subjects: appSA, namespace: "team")),
    ]

    @Test(arguments: cases)
    func ruleFiresOnlyWhenExpected(_ c: RoleCase) {
        let findings = RBACTestSupport.scan(c.yaml, rules: [c.rule])
        #expect(findings.count == c.count, "\(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.ruleId == c.rule })
    }

    @Test func clusterAdminFindingPointsAtRoleRefName() throws {
        let yaml = RBACTestSupport.binding(role: "cluster-admin", subjects: Self.alice)
        let f = try #require(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-CLUSTER-ADMIN-BINDING"]).first)
        #expect(f.location.line == 8)
        #expect(f.location.column == 3)
        #expect(f.location.path == "roleRef.name")
        #expect(f.message == "ClusterRoleBinding \"b\" grants cluster-admin cluster-wide to User \"alice\"")
        #expect(f.severity == .high)
    }

    @Test func anonymousFindingPointsAtSubject() throws {
        let yaml = RBACTestSupport.binding(role: "edit", subjects: Self.alice + "\n" + Self.anonymous)
        let f = try #require(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-ANONYMOUS-BINDING"]).first)
        #expect(f.location.path == "subjects[1]")
        #expect(f.location.line == 13)
        #expect(f.location.column == 3)
        #expect(f.severity == .critical)
    }

    @Test func bindingsWithoutSubjectsOrRoleRefDoNotCrash() {
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: empty
            subjects:
            - kind: Group
            - 42
            """
        #expect(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-*"]).isEmpty)
    }
}
