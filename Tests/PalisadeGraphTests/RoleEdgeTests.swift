import Testing

@testable import PalisadeGraph

/// Identity and RBAC edges: bindings, groups, and what each role reaches.
@Suite struct RoleEdgeTests {
    typealias F = GraphFixture
    let sa = "sa:shop/web"

    @Test func bindingsJoinSubjectsToRolesPerScope() {
        let graph = F.build([F.grant("reader", rules: F.rule("\"\"", "configmaps", "get"), roleNamespace: "shop")])
            .graph
        let edge = graph.edge(sa, "role:Role/shop/reader", .boundToRole)
        #expect(edge?.location?.path == "subjects[0]")
        let clusterRoleInNamespace = F.build([F.grant("reader", rules: F.rule("\"\"", "configmaps", "get"))]).graph
        #expect(clusterRoleInNamespace.hasEdge(sa, "role:ClusterRole/reader@shop", .boundToRole))
        #expect(!clusterRoleInNamespace.hasEdge(sa, "role:ClusterRole/reader", .boundToRole))
    }

    @Test func serviceAccountsJoinTheGroupsBindingsName() {
        let groupBinding = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: all-sa
              namespace: shop
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: view
            subjects:
            - kind: Group
              name: system:serviceaccounts:shop
            """
        let graph = F.build([F.deployment("web"), groupBinding], builtIn: true).graph
        #expect(graph.hasEdge(sa, "group:system:serviceaccounts:shop", .memberOfGroup))
        let none = F.build([F.deployment("web")]).graph
        #expect(none.node("group:system:serviceaccounts:shop") == nil)
        #expect(!none.hasEdge(sa, "group:system:serviceaccounts", .memberOfGroup))
    }

    @Test func wildcardClusterRoleBoundClusterWideIsClusterAdmin() {
        let graph = F.build([F.grant("god", rules: F.everything, bindIn: nil)]).graph
        #expect(graph.hasEdge("role:ClusterRole/god", "cluster-admin", .grantsEverything))
        let namespaced = F.build([F.grant("god", rules: F.everything)]).graph
        #expect(!namespaced.hasEdge("role:ClusterRole/god@shop", "cluster-admin", .grantsEverything))
        #expect(namespaced.hasEdge("role:ClusterRole/god@shop", "secrets:shop", .readSecrets))
    }

    @Test func readingSecretsReachesNamespacesOrNamedSecrets() {
        let all = F.build([F.grant("r", rules: F.rule("\"\"", "secrets", "list"), bindIn: nil)]).graph
        #expect(all.hasEdge("role:ClusterRole/r", "secrets:kube-system", .readSecrets))
        #expect(all.node("secrets:kube-system")?.crownJewel == .kubeSystemSecrets)
        let named = F.build([F.grant("r", rules: F.rule("\"\"", "secrets", "get", names: "tls"), roleNamespace: "shop")]
        )
        .graph
        #expect(named.hasEdge("role:Role/shop/r", "secret:shop/tls", .readSecrets))
        #expect(!named.hasEdge("role:Role/shop/r", "secrets:shop", .readSecrets))
        let none = F.build([F.grant("r", rules: F.rule("\"\"", "configmaps", "get,list"), roleNamespace: "shop")]).graph
        #expect(none.count(.readSecrets) == 0)
    }

    @Test func tokenSecretsHoldTheirAccount() {
        let secret = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: deployer-token
              namespace: shop
              annotations:
                kubernetes.io/service-account.name: deployer
            type: kubernetes.io/service-account-token
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: plain
              namespace: shop
            type: Opaque
            """
        let graph = F.build([secret]).graph
        #expect(graph.hasEdge("secret:shop/deployer-token", "sa:shop/deployer", .secretHoldsToken))
        #expect(graph.hasEdge("secrets:shop", "sa:shop/deployer", .secretHoldsToken))
        #expect(graph.count(.secretHoldsToken) == 2)
    }

    @Test func creatingPodsRunsAsEveryAccountAndIsPrivilegedWithoutPodSecurity() {
        let rules = F.rule("apps", "deployments", "create")
        let graph = F.build([F.grant("deployer", rules: rules, roleNamespace: "shop"), F.deployment("db", sa: "db")])
            .graph
        #expect(graph.hasEdge("role:Role/shop/deployer", "sa:shop/db", .createPodAs))
        #expect(graph.hasEdge("role:Role/shop/deployer", "node:*", .createPrivilegedPod))
        let enforced = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                pod-security.kubernetes.io/enforce: baseline
            """
        let safe = F.build([enforced, F.grant("deployer", rules: rules, roleNamespace: "shop")]).graph
        #expect(safe.hasEdge("role:Role/shop/deployer", "sa:shop/default", .createPodAs))
        #expect(!safe.hasEdge("role:Role/shop/deployer", "node:*", .createPrivilegedPod))
        let reader = F.build([F.grant("deployer", rules: F.rule("\"\"", "pods", "get,list"), roleNamespace: "shop")])
            .graph
        #expect(reader.count(.createPodAs) == 0)
    }

    @Test func patchingWorkloadsAndExecReachTheWorkloads() {
        let rules = F.rule("apps", "deployments", "patch") + "\n" + F.rule("\"\"", "pods/exec", "create")
        let graph = F.build([F.grant("ops", rules: rules, roleNamespace: "shop"), F.deployment("db", sa: "db")]).graph
        #expect(graph.hasEdge("role:Role/shop/ops", "workload:shop/Deployment/db", .modifyWorkload))
        #expect(graph.hasEdge("role:Role/shop/ops", "workload:shop/Deployment/db", .execIntoPod))
        // Patching a Deployment can also change its serviceAccountName (as RBAC-ESC-WORKLOAD-CREATE).
        #expect(graph.hasEdge("role:Role/shop/ops", "sa:shop/db", .createPodAs))
        let other = F.build([
            F.grant("ops", rules: F.rule("apps", "statefulsets", "patch"), roleNamespace: "shop"),
            F.deployment("db", sa: "db"),
        ]).graph
        #expect(!other.hasEdge("role:Role/shop/ops", "workload:shop/Deployment/db", .modifyWorkload))
        #expect(!other.hasEdge("role:Role/shop/ops", "workload:shop/Deployment/db", .execIntoPod))
    }

    /// A cluster-wide role fans out through one hub per permission, so edges grow with roles plus
    /// objects; a namespaced role keeps its direct edges.
    @Test func clusterWideFanOutGoesThroughOneHub() {
        let rules =
            F.rule("apps", "deployments", "patch") + "\n" + F.rule("\"\"", "pods/exec", "create") + "\n"
            + F.rule("\"\"", "serviceaccounts/token", "create")
        let objects = [
            F.grant("ops", rules: rules, bindIn: nil), F.grant("ops2", rules: rules, bindIn: nil, sa: "db"),
            F.deployment("web", sa: "web"), F.deployment("db", ns: "data", sa: "db"),
        ]
        let graph = F.build(objects).graph
        for role in ["role:ClusterRole/ops", "role:ClusterRole/ops2"] {
            #expect(graph.hasEdge(role, "scope:exec", .execIntoPod))
            #expect(graph.hasEdge(role, "scope:modify/Deployment", .modifyWorkload))
            #expect(graph.hasEdge(role, "scope:create-pod", .createPodAs))
            #expect(graph.hasEdge(role, "scope:token", .createToken))
            #expect(!graph.hasEdge(role, "workload:data/Deployment/db", .execIntoPod))
        }
        for workload in ["workload:shop/Deployment/web", "workload:data/Deployment/db"] {
            #expect(graph.hasEdge("scope:exec", workload, .execIntoPod))
            #expect(graph.hasEdge("scope:modify/Deployment", workload, .modifyWorkload))
        }
        #expect(graph.hasEdge("scope:create-pod", "sa:data/db", .createPodAs))
        #expect(graph.hasEdge("scope:create-pod", "secrets:data", .createPodAs))
        #expect(graph.hasEdge("scope:token", "sa:shop/web", .createToken))
        #expect(graph.node("scope:exec")?.kind == .clusterScope)
        // One hub, shared: its member edges exist once whatever the number of roles.
        #expect(graph.outgoing[graph.index(of: "scope:exec")!].count == 2)
        // Without the permission, no hub.
        let reader = F.build([F.grant("r", rules: F.rule("\"\"", "pods", "get"), bindIn: nil)]).graph
        #expect(reader.node("scope:exec") == nil)
        #expect(reader.node("scope:create-pod") == nil)
    }

    @Test func tokensAndImpersonation() {
        let token = F.build([
            F.grant("minter", rules: F.rule("\"\"", "serviceaccounts/token", "create"), roleNamespace: "shop"),
            F.deployment("db", sa: "db"),
        ]).graph
        #expect(token.hasEdge("role:Role/shop/minter", "sa:shop/db", .createToken))
        #expect(F.build([F.deployment("db", sa: "db")]).graph.count(.createToken) == 0)
        let anyone = F.build([F.grant("imp", rules: F.rule("\"\"", "users,groups", "impersonate"), bindIn: nil)]).graph
        #expect(anyone.hasEdge("role:ClusterRole/imp", "cluster-admin", .impersonate))
        let named = F.build([
            F.grant("imp", rules: F.rule("\"\"", "groups", "impersonate", names: "auditors"), bindIn: nil)
        ]).graph
        #expect(named.hasEdge("role:ClusterRole/imp", "group:auditors", .impersonate))
        #expect(!named.hasEdge("role:ClusterRole/imp", "cluster-admin", .impersonate))
    }

    @Test func bindEscalateClusterWideIsClusterAdmin() {
        let rules = F.rule("rbac.authorization.k8s.io", "clusterroles", "bind")
        let cluster = F.build([F.grant("binder", rules: rules, bindIn: nil)]).graph
        #expect(cluster.hasEdge("role:ClusterRole/binder", "cluster-admin", .bindOrEscalateRole))
        let namespaced = F.build([F.grant("binder", rules: rules)]).graph
        #expect(!namespaced.hasEdge("role:ClusterRole/binder@shop", "cluster-admin", .bindOrEscalateRole))
        #expect(namespaced.hasEdge("role:ClusterRole/binder@shop", "secrets:shop", .bindOrEscalateRole))
    }

    @Test func clusterOnlyPermissions() {
        let proxy = F.build([F.grant("p", rules: F.rule("\"\"", "nodes/proxy", "get"), bindIn: nil)]).graph
        #expect(proxy.hasEdge("role:ClusterRole/p", "node:*", .nodeProxy))
        #expect(proxy.node("scope:node-proxy") == nil)  // no scheduled pods, so no named nodes
        let proxyInNamespace = F.build([F.grant("p", rules: F.rule("\"\"", "nodes/proxy", "get"))]).graph
        #expect(proxyInNamespace.count(.nodeProxy) == 0)
        // Named nodes (pods with spec.nodeName) are reached through one hub, not one edge per role and node.
        let scheduled = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              nodeName: worker-1
              containers: [{name: app, image: nginx:1.25}]
            """
        let two = F.build([
            F.grant("p", rules: F.rule("\"\"", "nodes/proxy", "get"), bindIn: nil),
            F.grant("q", rules: F.rule("\"\"", "nodes/proxy", "create"), bindIn: nil, sa: "other"), scheduled,
        ]).graph
        #expect(two.hasEdge("role:ClusterRole/p", "scope:node-proxy", .nodeProxy))
        #expect(two.hasEdge("role:ClusterRole/q", "scope:node-proxy", .nodeProxy))
        #expect(two.hasEdge("scope:node-proxy", "node:worker-1", .nodeProxy))
        #expect(!two.hasEdge("role:ClusterRole/p", "node:worker-1", .nodeProxy))

        let csr =
            F.rule("certificates.k8s.io", "certificatesigningrequests", "create") + "\n"
            + F.rule("certificates.k8s.io", "certificatesigningrequests/approval", "update") + "\n"
            + F.rule("certificates.k8s.io", "signers", "approve")
        #expect(
            F.build([F.grant("c", rules: csr, bindIn: nil)]).graph.hasEdge(
                "role:ClusterRole/c", "cluster-admin", .approveCSR))
        let createOnly = F.rule("certificates.k8s.io", "certificatesigningrequests", "create")
        #expect(F.build([F.grant("c", rules: createOnly, bindIn: nil)]).graph.count(.approveCSR) == 0)

        let mutating = F.rule("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "create")
        #expect(
            F.build([F.grant("w", rules: mutating, bindIn: nil)]).graph.hasEdge(
                "role:ClusterRole/w", "cluster-admin", .writeAdmissionWebhook))
        let validating = F.rule("admissionregistration.k8s.io", "validatingwebhookconfigurations", "create")
        #expect(F.build([F.grant("w", rules: validating, bindIn: nil)]).graph.count(.writeAdmissionWebhook) == 0)

        let pv = F.rule("\"\"", "persistentvolumes", "create")
        #expect(
            F.build([F.grant("v", rules: pv, bindIn: nil)]).graph.hasEdge(
                "role:ClusterRole/v", "node:*", .createHostPathVolume))
        #expect(
            F.build([F.grant("v", rules: F.rule("\"\"", "persistentvolumes", "get"), bindIn: nil)]).graph.count(
                .createHostPathVolume) == 0)
    }
}
