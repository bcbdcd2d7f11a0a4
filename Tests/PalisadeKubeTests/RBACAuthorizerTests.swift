import PalisadeKube
import Testing

/// Bindings, scopes and subjects as the Kubernetes RBAC authorizer applies them.
@Suite struct RBACAuthorizerTests {
    private let podReader = RBACEngine.clusterRole(
        "pod-reader", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get, list]}")

    @Test func clusterRoleBindingGrantsEverywhereAndClusterWide() {
        let auth = RBACEngine.authorizer(
            podReader + RBACEngine.binding("b", role: "pod-reader", subjects: RBACEngine.alice))
        let alice = RBACEngine.user("alice")
        #expect(auth.allows(alice, RBACRequest(verb: "list", resource: "pods", namespace: "prod")))
        #expect(auth.allows(alice, RBACRequest(verb: "list", resource: "pods")))
        #expect(!auth.allows(RBACEngine.user("bob"), RBACRequest(verb: "list", resource: "pods")))
        let grants = auth.grants(alice, RBACRequest(verb: "get", resource: "pods", namespace: "x"))
        #expect(grants.map(\.path) == ["ClusterRoleBinding/b -> ClusterRole/pod-reader rule 0"])
    }

    @Test func roleBindingToClusterRoleGrantsInItsNamespaceOnly() {
        let auth = RBACEngine.authorizer(
            podReader + RBACEngine.binding("b", namespace: "dev", role: "pod-reader", subjects: RBACEngine.alice))
        let alice = RBACEngine.user("alice")
        #expect(auth.allows(alice, RBACRequest(verb: "get", resource: "pods", namespace: "dev")))
        #expect(!auth.allows(alice, RBACRequest(verb: "get", resource: "pods", namespace: "prod")))
        // A query without a namespace is cluster-wide: RoleBindings never grant it.
        #expect(!auth.allows(alice, RBACRequest(verb: "get", resource: "pods")))
    }

    @Test func roleBindingToRoleUsesTheRoleOfItsNamespace() {
        let yaml =
            RBACEngine.role("r", namespace: "dev", rules: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}")
            + RBACEngine.binding("b", namespace: "dev", roleKind: "Role", role: "r", subjects: RBACEngine.alice)
            + RBACEngine.binding("b", namespace: "prod", roleKind: "Role", role: "r", subjects: RBACEngine.alice)
        let policy = RBACEngine.policy(yaml)
        let auth = RBACAuthorizer(policy: policy)
        #expect(auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "secrets", namespace: "dev")))
        // The prod binding refers to a Role "r" in prod, which does not exist.
        #expect(
            !auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "secrets", namespace: "prod")))
        #expect(
            policy.issues.contains {
                $0.message.contains("RoleBinding/prod/b refers to Role \"r\" in namespace \"prod\"")
            })
    }

    @Test func serviceAccountSubjectsAndImplicitGroups() {
        let yaml =
            podReader
            + RBACEngine.binding(
                "sa", namespace: "dev", role: "pod-reader", subjects: "- {kind: ServiceAccount, name: ci}")
            + RBACEngine.binding(
                "all-sa-in-ops", namespace: "ops", role: "pod-reader",
                subjects: "- {kind: Group, name: \"system:serviceaccounts:ops\"}")
            + RBACEngine.binding(
                "all-sa", namespace: "shared", role: "pod-reader",
                subjects: "- {kind: Group, name: system:serviceaccounts}")
            + RBACEngine.binding(
                "authn", namespace: "public", role: "pod-reader",
                subjects: "- {kind: Group, name: system:authenticated}")
        let auth = RBACEngine.authorizer(yaml)
        let get = { (ns: String) in RBACRequest(verb: "get", resource: "pods", namespace: ns) }
        // Subject namespace defaults to the RoleBinding's.
        #expect(auth.allows(RBACEngine.sa("dev", "ci"), get("dev")))
        #expect(!auth.allows(RBACEngine.sa("other", "ci"), get("dev")))
        #expect(auth.allows(RBACEngine.sa("ops", "anything"), get("ops")))
        #expect(!auth.allows(RBACEngine.sa("dev", "ci"), get("ops")))
        #expect(auth.allows(RBACEngine.sa("dev", "ci"), get("shared")))
        #expect(!auth.allows(RBACEngine.user("alice"), get("shared")))
        #expect(auth.allows(RBACEngine.user("alice"), get("public")))
        #expect(auth.allows(RBACEngine.sa("x", "y"), get("public")))
        #expect(!auth.allows(RBACEngine.user("system:anonymous"), get("public")))
    }

    @Test func userNamedLikeAServiceAccountIsThatServiceAccount() {
        let auth = RBACEngine.authorizer(
            podReader
                + RBACEngine.binding(
                    "b", role: "pod-reader", subjects: "- {kind: User, name: \"system:serviceaccount:dev:ci\"}"))
        #expect(auth.allows(RBACEngine.sa("dev", "ci"), RBACRequest(verb: "get", resource: "pods")))
    }

    @Test func groupSubjects() {
        let auth = RBACEngine.authorizer(
            podReader + RBACEngine.binding("b", role: "pod-reader", subjects: "- {kind: Group, name: devs}"))
        #expect(auth.allows(RBACEngine.user("carol", groups: ["devs"]), RBACRequest(verb: "get", resource: "pods")))
        #expect(!auth.allows(RBACEngine.user("carol"), RBACRequest(verb: "get", resource: "pods")))
        #expect(
            auth.allows(
                RBACIdentity(RBACSubject(kind: RBACSubject.group, name: "devs")),
                RBACRequest(verb: "get", resource: "pods")))
    }

    @Test func clusterRoleBindingServiceAccountWithoutNamespaceMatchesNobody() {
        let policy = RBACEngine.policy(
            podReader + RBACEngine.binding("b", role: "pod-reader", subjects: "- {kind: ServiceAccount, name: ci}"))
        let auth = RBACAuthorizer(policy: policy)
        #expect(!auth.allows(RBACEngine.sa("default", "ci"), RBACRequest(verb: "get", resource: "pods")))
        #expect(auth.whoCan(RBACRequest(verb: "get", resource: "pods")).isEmpty)
        #expect(policy.issues.contains { $0.message.contains("has no namespace") })
    }

    @Test func nonResourceURLsOnlyThroughClusterRoleBindings() {
        let yaml =
            RBACEngine.clusterRole("metrics", rules: "- {nonResourceURLs: [/metrics], verbs: [get]}")
            + RBACEngine.binding("rb", namespace: "dev", role: "metrics", subjects: "- {kind: User, name: bob}")
            + RBACEngine.binding("crb", role: "metrics", subjects: RBACEngine.alice)
        let auth = RBACEngine.authorizer(yaml)
        #expect(auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", nonResourceURL: "/metrics")))
        #expect(!auth.allows(RBACEngine.user("bob"), RBACRequest(verb: "get", nonResourceURL: "/metrics")))
    }

    @Test func whoCanListsSubjectsWithTheirPath() {
        let yaml =
            podReader
            + RBACEngine.binding("crb", role: "pod-reader", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "rb", namespace: "dev", role: "pod-reader", subjects: "- {kind: ServiceAccount, name: ci}")
        let auth = RBACEngine.authorizer(yaml)
        let dev = auth.whoCan(RBACRequest(verb: "get", resource: "pods", namespace: "dev"))
        #expect(dev.map(\.subject.label) == ["user:alice", "sa:dev:ci"])
        #expect(dev[1].grant.path == "RoleBinding/dev/rb -> ClusterRole/pod-reader rule 0")
        let clusterWide = auth.whoCan(RBACRequest(verb: "get", resource: "pods"))
        #expect(clusterWide.map(\.subject.label) == ["user:alice"])
        #expect(auth.whoCan(RBACRequest(verb: "delete", resource: "pods", namespace: "dev")).isEmpty)
    }

    @Test func impersonateThroughWhoCan() {
        let yaml =
            RBACEngine.clusterRole(
                "impersonator",
                rules: "- {apiGroups: [\"\"], resources: [users, groups, serviceaccounts], verbs: [impersonate]}")
            + RBACEngine.binding("b", role: "impersonator", subjects: RBACEngine.alice)
        let auth = RBACEngine.authorizer(yaml)
        #expect(
            auth.whoCan(RBACRequest(verb: "impersonate", resource: "users", name: "admin")).map(\.subject.label) == [
                "user:alice"
            ])
        #expect(auth.whoCan(RBACRequest(verb: "impersonate", resource: "groups")).count == 1)
        #expect(auth.whoCan(RBACRequest(verb: "get", resource: "users")).isEmpty)
    }

    @Test func missingClusterRoleIsAnIssueNotACrash() {
        let policy = RBACEngine.policy(RBACEngine.binding("b", role: "nowhere", subjects: RBACEngine.alice))
        #expect(
            !RBACAuthorizer(policy: policy).allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "pods"))
        )
        #expect(policy.issues.count == 1)
        #expect(policy.issues.first?.level == .warning)
        #expect(policy.issues.first?.message.contains("ClusterRole \"nowhere\"") == true)
    }

    @Test func duplicateObjectsLastWinsWithANote() {
        let yaml =
            RBACEngine.clusterRole("r", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}")
            + RBACEngine.clusterRole("r", rules: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}")
            + RBACEngine.binding("b", role: "r", subjects: RBACEngine.alice)
        let policy = RBACEngine.policy(yaml)
        let auth = RBACAuthorizer(policy: policy)
        #expect(auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "secrets")))
        #expect(!auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "pods")))
        #expect(policy.issues.contains { $0.message.contains("duplicate ClusterRole/r") })
    }

    @Test func unnamespacedRoleBindingsUseTheDefaultNamespace() {
        let yaml =
            podReader
            + RBACEngine.binding("b", namespace: nil, role: "pod-reader", subjects: RBACEngine.alice)
            .replacing("kind: ClusterRoleBinding", with: "kind: RoleBinding")
        let policy = RBACEngine.policy(yaml, defaultNamespace: "argocd")
        let auth = RBACAuthorizer(policy: policy)
        #expect(auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "pods", namespace: "argocd")))
        #expect(
            !auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "pods", namespace: "default")))
        #expect(policy.issues.contains { $0.level == .note && $0.message.contains("no metadata.namespace") })
    }

    @Test func permissionsThroughRoleBindingsLeaveOutClusterScopedResources() {
        let yaml =
            RBACEngine.clusterRole(
                "mixed",
                rules: """
                    - {apiGroups: [""], resources: [pods, nodes], verbs: [get]}
                    - {apiGroups: [""], resources: [namespaces], verbs: [get]}
                    - {nonResourceURLs: [/metrics], verbs: [get]}
                    """)
            + RBACEngine.binding("rb", namespace: "dev", role: "mixed", subjects: RBACEngine.alice)
            + RBACEngine.binding("crb", role: "mixed", subjects: "- {kind: User, name: bob}")
        let auth = RBACEngine.authorizer(yaml)
        let alice = auth.permissions(of: RBACEngine.user("alice"))
        #expect(alice.map(\.grant.rule.resources) == [["pods"]])
        #expect(alice.first?.grant.rule.index == 0)
        #expect(auth.permissions(of: RBACEngine.user("bob")).count == 3)
        // The authorizer agrees: nodes through the RoleBinding are granted nowhere.
        #expect(!auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "nodes")))
    }
}
