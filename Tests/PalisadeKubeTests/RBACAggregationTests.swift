import PalisadeKube
import Testing

/// Aggregated ClusterRoles (`aggregationRule.clusterRoleSelectors`) and the built-in roles.
@Suite struct RBACAggregationTests {
    @Test func matchLabelsCollectRulesOfMatchingClusterRoles() {
        let yaml =
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: monitoring}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {example.com/aggregate-to-monitoring: "true"}
            rules: [{apiGroups: [""], resources: [nodes], verbs: [delete]}]
            ---

            """
            + RBACEngine.clusterRole(
                "a", labels: "{example.com/aggregate-to-monitoring: \"true\"}",
                rules: "- {apiGroups: [\"\"], resources: [services], verbs: [get]}")
            + RBACEngine.clusterRole(
                "b", labels: "{example.com/aggregate-to-monitoring: \"false\"}",
                rules: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}")
            + RBACEngine.binding("m", role: "monitoring", subjects: RBACEngine.alice)
        let auth = RBACEngine.authorizer(yaml)
        let alice = RBACEngine.user("alice")
        #expect(auth.allows(alice, RBACRequest(verb: "get", resource: "services")))
        #expect(!auth.allows(alice, RBACRequest(verb: "get", resource: "secrets")))
        // The aggregated role's own rules are replaced by the controller.
        #expect(!auth.allows(alice, RBACRequest(verb: "delete", resource: "nodes")))
        let grant = auth.grants(alice, RBACRequest(verb: "get", resource: "services"))
        #expect(
            grant.map(\.path) == [
                "ClusterRoleBinding/m -> ClusterRole/monitoring (aggregated from ClusterRole/a rule 0)"
            ])
    }

    @Test func matchExpressions() {
        let yaml =
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: agg}
            aggregationRule:
              clusterRoleSelectors:
              - matchExpressions:
                - {key: tier, operator: In, values: [read, write]}
                - {key: deprecated, operator: DoesNotExist}
            ---

            """
            + RBACEngine.clusterRole(
                "r1", labels: "{tier: read}", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}")
            + RBACEngine.clusterRole(
                "r2", labels: "{tier: write, deprecated: \"yes\"}",
                rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [delete]}")
            + RBACEngine.clusterRole(
                "r3", labels: "{tier: admin}", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [create]}")
            + RBACEngine.binding("b", role: "agg", subjects: RBACEngine.alice)
        let auth = RBACEngine.authorizer(yaml)
        let alice = RBACEngine.user("alice")
        #expect(auth.allows(alice, RBACRequest(verb: "get", resource: "pods")))
        #expect(!auth.allows(alice, RBACRequest(verb: "delete", resource: "pods")))
        #expect(!auth.allows(alice, RBACRequest(verb: "create", resource: "pods")))
    }

    @Test func selectorOperators() {
        let exists = LabelSelector(matchExpressions: [.init(key: "a", op: .exists)])
        #expect(exists.matches(["a": ""]))
        #expect(!exists.matches(["b": "1"]))
        let notIn = LabelSelector(matchExpressions: [.init(key: "a", op: .notIn, values: ["x"])])
        #expect(notIn.matches(["a": "y"]))
        #expect(notIn.matches([:]))
        #expect(!notIn.matches(["a": "x"]))
        #expect(LabelSelector().matches(["anything": "1"]))
    }

    @Test func invalidOperatorMatchesNothingAndIsReported() {
        let yaml =
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: agg}
            aggregationRule:
              clusterRoleSelectors:
              - matchExpressions: [{key: tier, operator: Equals, values: [read]}]
            ---

            """
            + RBACEngine.clusterRole(
                "r1", labels: "{tier: read}", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}")
        let policy = RBACEngine.policy(yaml)
        #expect(policy.clusterRoles["agg"]?.rules.isEmpty == true)
        #expect(policy.issues.contains { $0.message.contains("operator \"Equals\"") })
    }

    @Test func customRoleAggregatesIntoBuiltInViewEditAndAdmin() {
        let yaml =
            RBACEngine.clusterRole(
                "crd-viewer", labels: "{rbac.authorization.k8s.io/aggregate-to-view: \"true\"}",
                rules: "- {apiGroups: [example.com], resources: [widgets], verbs: [get, list]}")
            + RBACEngine.binding("v", namespace: "dev", role: "view", subjects: RBACEngine.alice)
            + RBACEngine.binding("a", namespace: "prod", role: "admin", subjects: "- {kind: User, name: bob}")
        let auth = RBACEngine.authorizer(yaml, builtIn: true)
        let widgets = { (ns: String) in
            RBACRequest(verb: "list", group: "example.com", resource: "widgets", namespace: ns)
        }
        #expect(auth.allows(RBACEngine.user("alice"), widgets("dev")))
        #expect(!auth.allows(RBACEngine.user("alice"), widgets("prod")))
        // view -> edit -> admin: admin collects view's rules through edit.
        #expect(auth.allows(RBACEngine.user("bob"), widgets("prod")))
        // Built-in view: pods yes, secrets no; admin: secrets and rolebindings.
        #expect(auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "pods", namespace: "dev")))
        #expect(!auth.allows(RBACEngine.user("alice"), RBACRequest(verb: "get", resource: "secrets", namespace: "dev")))
        #expect(auth.allows(RBACEngine.user("bob"), RBACRequest(verb: "get", resource: "secrets", namespace: "prod")))
        #expect(
            auth.allows(
                RBACEngine.user("bob"),
                RBACRequest(
                    verb: "create", group: "rbac.authorization.k8s.io", resource: "rolebindings", namespace: "prod")))
        // edit allows impersonating service accounts (system:aggregate-to-edit).
        #expect(
            auth.allows(
                RBACEngine.user("bob"), RBACRequest(verb: "impersonate", resource: "serviceaccounts", namespace: "prod")
            ))
    }

    @Test func builtInBindingsAndRoles() {
        let auth = RBACEngine.authorizer("", builtIn: true)
        let masters = RBACEngine.user("root", groups: ["system:masters"])
        #expect(auth.allows(masters, RBACRequest(verb: "delete", resource: "nodes")))
        #expect(auth.allows(masters, RBACRequest(verb: "get", nonResourceURL: "/debug/pprof")))
        let alice = RBACEngine.user("alice")
        #expect(auth.allows(alice, RBACRequest(verb: "get", nonResourceURL: "/version")))
        #expect(auth.allows(alice, RBACRequest(verb: "get", nonResourceURL: "/apis/apps/v1")))
        #expect(
            auth.allows(
                alice, RBACRequest(verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews"))
        )
        #expect(!auth.allows(alice, RBACRequest(verb: "get", resource: "pods")))
        let anonymous = RBACEngine.user("system:anonymous")
        #expect(auth.allows(anonymous, RBACRequest(verb: "get", nonResourceURL: "/healthz")))
        #expect(!auth.allows(anonymous, RBACRequest(verb: "get", nonResourceURL: "/apis")))
        let scheduler = RBACEngine.user("system:kube-scheduler")
        #expect(
            auth.allows(
                scheduler, RBACRequest(verb: "create", resource: "pods", subresource: "binding", namespace: "a")))
        #expect(
            auth.allows(
                scheduler,
                RBACRequest(
                    verb: "update", group: "coordination.k8s.io", resource: "leases", name: "kube-scheduler",
                    namespace: "kube-system")))
        // Other leases: not through the ClusterRole (resourceNames: [kube-scheduler]), only in kube-system
        // through the bootstrap Role system::leader-locking-kube-scheduler.
        #expect(
            !auth.allows(
                scheduler,
                RBACRequest(
                    verb: "update", group: "coordination.k8s.io", resource: "leases", name: "other",
                    namespace: "default")))
        #expect(
            auth.allows(
                scheduler,
                RBACRequest(
                    verb: "update", group: "coordination.k8s.io", resource: "leases", name: "other",
                    namespace: "kube-system")))
        let kcm = RBACEngine.user("system:kube-controller-manager")
        #expect(auth.allows(kcm, RBACRequest(verb: "list", group: "apps", resource: "deployments")))
        #expect(!auth.allows(kcm, RBACRequest(verb: "delete", group: "apps", resource: "deployments")))
        // system:node has no subjects (the Node authorizer handles kubelets).
        #expect(
            !auth.allows(
                RBACEngine.user("system:node:n1", groups: ["system:nodes"]),
                RBACRequest(verb: "get", resource: "secrets", namespace: "a")))
        #expect(RBACEngine.policy("", builtIn: true).issues.isEmpty)
    }

    @Test func builtInControllerRoles() {
        let auth = RBACEngine.authorizer("", builtIn: true)
        let controller = { (name: String) in RBACEngine.sa("kube-system", name) }
        let escalate = RBACRequest(verb: "escalate", group: "rbac.authorization.k8s.io", resource: "clusterroles")
        #expect(auth.allows(controller("clusterrole-aggregation-controller"), escalate))
        #expect(!auth.allows(controller("namespace-controller"), escalate))
        #expect(
            auth.allows(
                controller("namespace-controller"), RBACRequest(verb: "delete", resource: "secrets", namespace: "a")))
        #expect(
            !auth.allows(
                controller("namespace-controller"), RBACRequest(verb: "create", resource: "pods", namespace: "a")))
        #expect(
            auth.allows(
                controller("replicaset-controller"), RBACRequest(verb: "create", resource: "pods", namespace: "a")))
        #expect(
            auth.allows(
                controller("horizontal-pod-autoscaler"),
                RBACRequest(
                    verb: "update", group: "apps", resource: "deployments", subresource: "scale", namespace: "a")))
        // Only the kube-system service account of that name.
        #expect(
            !auth.allows(
                RBACEngine.sa("default", "replicaset-controller"), RBACRequest(verb: "create", resource: "pods")))
    }

    @Test func manifestDefinitionReplacesBuiltIn() {
        let policy = RBACEngine.policy(
            RBACEngine.clusterRole("view", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}"),
            builtIn: true)
        #expect(policy.clusterRoles["view"]?.rules.count == 1)
        #expect(policy.issues.contains { $0.level == .note && $0.message.contains("replaces the built-in") })
    }

    @Test func noBuiltInRoles() {
        let policy = RBACEngine.policy(
            RBACEngine.binding("v", namespace: "dev", role: "view", subjects: RBACEngine.alice))
        #expect(policy.clusterRoles.isEmpty)
        #expect(policy.issues.contains { $0.message.contains("ClusterRole \"view\"") })
    }
}
