import PalisadeFormats
import PalisadeKube
import Testing

/// Facts about real installs (`Tests/Fixtures/rbac`, see its SOURCES.md), each checked by reading
/// the YAML, and the embedded bootstrap policy against its fixture files.
@Suite struct RBACRealManifestTests {
    static let fixtures =
        String(#filePath.split(separator: "/").dropLast(2).joined(separator: "/"))
        .withLeadingSlash + "/Fixtures"

    private func policy(_ paths: [String], builtIn: Bool, defaultNamespace: String = "default") -> RBACPolicy {
        let loaded = KubeObjectLoader().load(paths.map { .file(Self.fixtures + "/" + $0) })
        #expect(loaded.errors.isEmpty)
        return RBACPolicy(objects: loaded.objects, builtInRoles: builtIn, defaultNamespace: defaultNamespace)
    }

    private var argo: RBACAuthorizer {
        RBACAuthorizer(policy: policy(["rbac/argo-cd/install-rbac.yaml"], builtIn: false, defaultNamespace: "argocd"))
    }

    private func labels(_ found: [RBACSubjectGrant]) -> Set<String> { Set(found.map(\.subject.label)) }

    @Test func argoCDServiceAccountsThatGetSecretsClusterWide() {
        // ClusterRoles: application-controller has * on *, applicationset-controller get/list/watch
        // secrets, server get/patch/delete on * in every group.
        let found = argo.whoCan(RBACRequest(verb: "get", resource: "secrets"))
        #expect(
            labels(found) == [
                "sa:argocd:argocd-application-controller", "sa:argocd:argocd-applicationset-controller",
                "sa:argocd:argocd-server",
            ])
        // list: argocd-server's ClusterRole has no list.
        #expect(
            labels(argo.whoCan(RBACRequest(verb: "list", resource: "secrets")))
                == ["sa:argocd:argocd-application-controller", "sa:argocd:argocd-applicationset-controller"])
    }

    @Test func argoCDSecretsInItsNamespace() {
        // Roles (namespace from --default-namespace): dex-server and notifications-controller list secrets,
        // argocd-server lists through its Role; redis may only get the secret named argocd-redis.
        let list = labels(argo.whoCan(RBACRequest(verb: "list", resource: "secrets", namespace: "argocd")))
        #expect(
            list == [
                "sa:argocd:argocd-application-controller", "sa:argocd:argocd-applicationset-controller",
                "sa:argocd:argocd-dex-server", "sa:argocd:argocd-notifications-controller", "sa:argocd:argocd-server",
            ])
        let redis = RBACIdentity(
            RBACSubject(kind: RBACSubject.serviceAccount, name: "argocd-redis", namespace: "argocd"))
        #expect(
            argo.allows(redis, RBACRequest(verb: "get", resource: "secrets", name: "argocd-redis", namespace: "argocd"))
        )
        #expect(!argo.allows(redis, RBACRequest(verb: "get", resource: "secrets", name: "other", namespace: "argocd")))
        #expect(!argo.allows(redis, RBACRequest(verb: "get", resource: "secrets", namespace: "argocd")))
        #expect(argo.allows(redis, RBACRequest(verb: "create", resource: "secrets", namespace: "argocd")))
        // The same Roles do not exist in another namespace.
        #expect(!argo.allows(redis, RBACRequest(verb: "create", resource: "secrets", namespace: "default")))
    }

    @Test func argoCDServerFinalizersThroughStarSlash() {
        let server = RBACIdentity(
            RBACSubject(kind: RBACSubject.serviceAccount, name: "argocd-server", namespace: "argocd"))
        #expect(
            argo.allows(
                server, RBACRequest(verb: "update", group: "apps", resource: "deployments", subresource: "finalizers")))
        #expect(!argo.allows(server, RBACRequest(verb: "update", group: "apps", resource: "deployments")))
        #expect(argo.allows(server, RBACRequest(verb: "create", group: "batch", resource: "jobs")))
        #expect(!argo.allows(server, RBACRequest(verb: "create", group: "batch", resource: "cronjobs")))
        let grants = argo.grants(server, RBACRequest(verb: "get", resource: "pods", subresource: "log"))
        // Both rule 0 (get on * in every group, subresources included) and rule 3 (pods, pods/log).
        #expect(
            grants.map(\.path) == [
                "ClusterRoleBinding/argocd-server -> ClusterRole/argocd-server rule 0",
                "ClusterRoleBinding/argocd-server -> ClusterRole/argocd-server rule 3",
            ])
    }

    @Test func argoCDPolicyHasNoMissingRoles() {
        let p = policy(["rbac/argo-cd/install-rbac.yaml"], builtIn: true, defaultNamespace: "argocd")
        #expect(p.issues.allSatisfy { $0.level == .note })
        #expect(p.roles.values.filter { !$0.source.isBuiltIn }.count == 6)
        #expect(p.roles.values.filter(\.source.isBuiltIn).count == 7)
        #expect(p.roleBindings["argocd"]?.count == 6)
    }

    private var prometheus: RBACPolicy {
        policy(
            [
                "rbac/kube-prometheus/prometheus-clusterRole.yaml",
                "rbac/kube-prometheus/prometheus-clusterRoleBinding.yaml",
                "rbac/kube-prometheus/prometheusAdapter-clusterRoleAggregatedMetricsReader.yaml",
                "rbac/kube-prometheus/prometheusAdapter-clusterRoleBindingDelegator.yaml",
                "rbac/kube-prometheus/prometheusAdapter-roleBindingAuthReader.yaml",
            ], builtIn: true)
    }

    @Test func kubePrometheus() {
        let p = prometheus
        let auth = RBACAuthorizer(policy: p)
        let prom = RBACIdentity(
            RBACSubject(kind: RBACSubject.serviceAccount, name: "prometheus-k8s", namespace: "monitoring"))
        #expect(auth.allows(prom, RBACRequest(verb: "get", nonResourceURL: "/metrics")))
        #expect(auth.allows(prom, RBACRequest(verb: "get", nonResourceURL: "/metrics/slis")))
        #expect(!auth.allows(prom, RBACRequest(verb: "get", nonResourceURL: "/metrics/cadvisor")))
        #expect(auth.allows(prom, RBACRequest(verb: "get", resource: "nodes", subresource: "metrics")))
        #expect(!auth.allows(prom, RBACRequest(verb: "get", resource: "nodes", subresource: "proxy")))
        // /healthz through the built-in system:public-info-viewer (every authenticated user).
        #expect(auth.allows(prom, RBACRequest(verb: "get", nonResourceURL: "/healthz")))
        // The adapter reviews tokens through the built-in system:auth-delegator.
        let adapter = RBACIdentity(
            RBACSubject(kind: RBACSubject.serviceAccount, name: "prometheus-adapter", namespace: "monitoring"))
        #expect(
            auth.allows(adapter, RBACRequest(verb: "create", group: "authentication.k8s.io", resource: "tokenreviews")))
        // system:aggregated-metrics-reader aggregates into the built-in view, edit and admin.
        for role in ["view", "edit", "admin"] {
            #expect(p.clusterRoles[role]?.rules.contains { $0.definedIn == "system:aggregated-metrics-reader" } == true)
        }
        // extension-apiserver-authentication-reader is a kube-system Role of the bootstrap policy
        // (namespace-roles.yaml): the adapter's RoleBinding to it resolves, for that one ConfigMap only.
        #expect(!p.issues.contains { $0.message.contains("extension-apiserver-authentication-reader") })
        let readsAuthConfig = RBACRequest(
            verb: "get", resource: "configmaps", name: "extension-apiserver-authentication", namespace: "kube-system")
        #expect(auth.allows(adapter, readsAuthConfig))
        let otherConfig = RBACRequest(
            verb: "get", resource: "configmaps", name: "kubeadm-config", namespace: "kube-system")
        #expect(!auth.allows(adapter, otherConfig))
    }

    @Test(arguments: [("", BootstrapPolicy.Version.latest), ("/v1.20", .v120)])
    func embeddedBootstrapPolicyMatchesFixtures(folder: String, version: BootstrapPolicy.Version) {
        let dir = Self.fixtures + "/kubernetes-bootstrap-rbac" + folder
        let loaded = KubeObjectLoader().load(
            [
                "cluster-roles", "controller-roles", "namespace-roles", "cluster-role-bindings",
                "controller-role-bindings", "namespace-role-bindings",
            ].map { .file(dir + "/\($0).yaml") })
        #expect(loaded.errors.isEmpty)
        let embedded = BootstrapPolicy.objects(version)
        #expect(embedded.map(\.name) == loaded.objects.map(\.name))
        #expect(embedded.map { JSONWriter.json($0.root) } == loaded.objects.map { JSONWriter.json($0.root) })
        let controllers = version == .latest ? 38 : 29
        #expect(embedded.filter { $0.kind == "ClusterRole" }.count == 31 + controllers)
        #expect(embedded.filter { $0.kind == "ClusterRoleBinding" }.count == 12 + controllers)
        #expect(embedded.filter { $0.kind == "Role" }.count == 7)
        #expect(embedded.filter { $0.kind == "RoleBinding" }.count == 7)
        // Every built-in binding names a built-in role: the policy alone reports nothing missing.
        let alone = RBACPolicy(objects: [], k8sVersion: version)
        #expect(alone.issues.isEmpty)
    }

    @Test func k8sVersionNamesAreParsed() {
        #expect(BootstrapPolicy.Version(parsing: "latest") == .latest)
        for text in ["1.20", "v1.20", "1.20.2", "1.20.15"] { #expect(BootstrapPolicy.Version(parsing: text) == .v120) }
        for text in ["1.2", "1.21", "1.20.", "1.20.x", "1.20.1.1", "", "v", "20"] {
            #expect(BootstrapPolicy.Version(parsing: text) == nil, "\(text)")
        }
        #expect(BootstrapPolicy.versions == ["latest", "1.20"])
    }

    /// What `edit` grants changed between releases, and `--k8s-version` decides which answer a
    /// binding to it gets: 1.22 removed endpoints write (CVE-2021-25740), later releases added
    /// `serviceaccounts/token` create and `pods/eviction`.
    @Test func editRoleDependsOnTheVersion() throws {
        let objects = GraphFreeFixture.objects(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: dev-edit, namespace: dev}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: ServiceAccount, name: ci, namespace: dev}]
            """)
        let ci = RBACIdentity(RBACSubject(kind: RBACSubject.serviceAccount, name: "ci", namespace: "dev"))
        let token = RBACRequest(
            verb: "create", resource: "serviceaccounts", subresource: "token", name: "deployer", namespace: "dev")
        let endpoints = RBACRequest(verb: "update", resource: "endpoints", name: "web", namespace: "dev")
        let newest = RBACAuthorizer(policy: RBACPolicy(objects: objects))
        #expect(newest.allows(ci, token))
        #expect(!newest.allows(ci, endpoints))
        let old = RBACAuthorizer(policy: RBACPolicy(objects: objects, k8sVersion: .v120))
        #expect(!old.allows(ci, token))
        #expect(old.allows(ci, endpoints))
        // Both: secrets, not outside the namespace.
        for auth in [newest, old] {
            #expect(auth.allows(ci, RBACRequest(verb: "get", resource: "secrets", name: "db", namespace: "dev")))
            #expect(!auth.allows(ci, RBACRequest(verb: "get", resource: "secrets", name: "db", namespace: "prod")))
        }
    }

}

/// Inline manifests for the version tests.
enum GraphFreeFixture {
    static func objects(_ yaml: String) -> [KubeObject] {
        var loaded = KubeObjectLoader.Loaded()
        KubeObjectLoader().load(SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)), into: &loaded)
        return loaded.objects
    }
}

extension String {
    fileprivate var withLeadingSlash: String { hasPrefix("/") ? self : "/" + self }
}
