import Foundation
import PalisadeCore
import PalisadeFormats
import PalisadeKube
import Testing

/// The escalation paths through other objects: exec into a pod whose service account holds more
/// (`RBAC-ESC-POD-EXEC`), admission webhook configurations, hostPath PersistentVolumes.
@Suite struct RBACEscalationChainTests {
    private func findings(_ yaml: String, builtIn: Bool = false, withObjects: Bool = true) -> [Finding] {
        var loaded = KubeObjectLoader.Loaded()
        KubeObjectLoader().load(SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)), into: &loaded)
        let policy = RBACPolicy(objects: loaded.objects, builtInRoles: builtIn)
        let escalations =
            withObjects ? RBACEscalations(policy: policy, objects: loaded.objects) : RBACEscalations(policy: policy)
        return escalations.findings()
    }

    private static func deployment(_ name: String, namespace: String, account: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          template:
            spec:
              serviceAccountName: \(account)
              containers: [{name: app, image: nginx}]
        ---

        """
    }

    private static let exec = RBACEngine.clusterRole(
        "exec",
        rules: """
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            - {apiGroups: [""], resources: [pods/exec], verbs: [create]}
            """)
    private static let secrets = RBACEngine.clusterRole(
        "secrets", rules: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get, list]}")
    private static let pods = RBACEngine.clusterRole(
        "pods", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}")

    @Test func execIntoAPodWhoseAccountReadsSecrets() {
        let yaml =
            Self.exec + Self.secrets + Self.deployment("api", namespace: "shop", account: "api")
            + RBACEngine.binding("dev-exec", namespace: "shop", role: "exec", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "api-secrets", namespace: "shop", role: "secrets", subjects: "- {kind: ServiceAccount, name: api}")
        let found = findings(yaml).filter { $0.ruleId == "RBAC-ESC-POD-EXEC" }
        #expect(found.count == 1)
        let message = found.first?.message ?? ""
        #expect(message.hasPrefix("user:alice -> RoleBinding/shop/dev-exec -> ClusterRole/exec rule 1"))
        #expect(message.contains("in namespace shop -> can run commands in pods there"))
        #expect(
            message.hasSuffix(
                "-> sa:shop:api (runs Deployment shop/api) holds ClusterRole/secrets via RoleBinding/shop/api-secrets, "
                    + "which user:alice lacks"))
        #expect(found.first?.object?.name == "dev-exec")
    }

    @Test func execIsNoPathWhenTheAccountsHoldNothingMore() {
        // The pod's account can only get pods, which alice can too; no pod runs as the secrets reader.
        let yaml =
            Self.exec + Self.secrets + Self.pods + Self.deployment("api", namespace: "shop", account: "api")
            + RBACEngine.binding("dev-exec", namespace: "shop", role: "exec", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "api-pods", namespace: "shop", role: "pods", subjects: "- {kind: ServiceAccount, name: api}")
            + RBACEngine.binding(
                "other", namespace: "shop", role: "secrets", subjects: "- {kind: ServiceAccount, name: idle}")
        #expect(!findings(yaml).contains { $0.ruleId == "RBAC-ESC-POD-EXEC" })
        // In another namespace the pod is out of reach.
        let elsewhere =
            Self.exec + Self.secrets + Self.deployment("api", namespace: "shop", account: "api")
            + RBACEngine.binding("dev-exec", namespace: "dev", role: "exec", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "api-secrets", namespace: "shop", role: "secrets", subjects: "- {kind: ServiceAccount, name: api}")
        #expect(!findings(elsewhere).contains { $0.ruleId == "RBAC-ESC-POD-EXEC" })
    }

    @Test func ephemeralContainersAndAttachCountAsExec() {
        let debug = RBACEngine.clusterRole(
            "debug", rules: "- {apiGroups: [\"\"], resources: [pods/ephemeralcontainers], verbs: [patch]}")
        let yaml =
            debug + Self.secrets + Self.deployment("api", namespace: "shop", account: "api")
            + RBACEngine.binding("debug", namespace: "shop", role: "debug", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "api-secrets", namespace: "shop", role: "secrets", subjects: "- {kind: ServiceAccount, name: api}")
        func alices(_ yaml: String) -> [String] {
            findings(yaml).filter { $0.message.hasPrefix("user:alice") }.map(\.ruleId)
        }
        #expect(alices(yaml) == ["RBAC-ESC-POD-EXEC"])
        let attach = yaml.replacingOccurrences(
            of: "pods/ephemeralcontainers], verbs: [patch]", with: "pods/attach], verbs: [create]")
        #expect(alices(attach) == ["RBAC-ESC-POD-EXEC"])
        // Reading ephemeral containers runs nothing.
        let get = yaml.replacingOccurrences(of: "verbs: [patch]", with: "verbs: [get]")
        #expect(alices(get).isEmpty)
    }

    @Test func withoutObjectsTheBoundAccountsAreTheCandidates() {
        let yaml =
            Self.exec + Self.secrets
            + RBACEngine.binding("dev-exec", namespace: "shop", role: "exec", subjects: RBACEngine.alice)
            + RBACEngine.binding(
                "api-secrets", namespace: "shop", role: "secrets", subjects: "- {kind: ServiceAccount, name: api}")
        let found = findings(yaml, withObjects: false).filter { $0.ruleId == "RBAC-ESC-POD-EXEC" }
        #expect(found.count == 1)
        #expect(
            found.first?.message.hasSuffix(
                "-> sa:shop:api holds ClusterRole/secrets via RoleBinding/shop/api-secrets, which user:alice lacks")
                == true)
        // With the objects, no pod runs as it: no path.
        #expect(!findings(yaml).contains { $0.ruleId == "RBAC-ESC-POD-EXEC" })
    }

    @Test func webhookConfigurationWrites() {
        let mutating = RBACEngine.clusterRole(
            "hooks",
            rules:
                "- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}"
        )
        let validating = RBACEngine.clusterRole(
            "vhooks",
            rules:
                "- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], "
                + "verbs: [create]}")
        let found = findings(
            mutating + validating + RBACEngine.binding("h", role: "hooks", subjects: RBACEngine.alice)
                + RBACEngine.binding("v", role: "vhooks", subjects: RBACEngine.alice))
        #expect(found.map(\.ruleId) == ["RBAC-ESC-MUTATING-WEBHOOK", "RBAC-ESC-VALIDATING-WEBHOOK"])
        #expect(
            found.first?.message
                == "user:alice -> ClusterRoleBinding/h -> ClusterRole/hooks rule 0 -> "
                + "apiGroups=admissionregistration.k8s.io resources=mutatingwebhookconfigurations verbs=patch "
                + "cluster-wide -> can rewrite every pod the cluster admits (privileged, host mounts, any service account)"
        )
        // Reading them is harmless, and a RoleBinding cannot grant a cluster-scoped resource's writes.
        let read = RBACEngine.clusterRole(
            "read",
            rules:
                "- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], "
                + "verbs: [get, list]}")
        #expect(findings(read + RBACEngine.binding("r", role: "read", subjects: RBACEngine.alice)).isEmpty)
        #expect(
            findings(mutating + RBACEngine.binding("h", namespace: "dev", role: "hooks", subjects: RBACEngine.alice))
                .isEmpty)
    }

    @Test func persistentVolumeCreate() {
        let pv = RBACEngine.clusterRole(
            "pv", rules: "- {apiGroups: [\"\"], resources: [persistentvolumes], verbs: [create]}")
        let found = findings(pv + RBACEngine.binding("pv", role: "pv", subjects: RBACEngine.alice))
        #expect(found.map(\.ruleId) == ["RBAC-ESC-PV-CREATE"])
        #expect(found.first?.message.hasSuffix("be root on a node") == true)
        // Claims are not volumes.
        let pvc = RBACEngine.clusterRole(
            "pvc", rules: "- {apiGroups: [\"\"], resources: [persistentvolumeclaims, persistentvolumes], verbs: [get]}")
        #expect(findings(pvc + RBACEngine.binding("pvc", role: "pvc", subjects: RBACEngine.alice)).isEmpty)
    }

    @Test func theNewRulesAreInTheCatalog() {
        let ids = Set(RBACEscalations.rules.map(\.id))
        #expect(
            ids.isSuperset(of: [
                "RBAC-ESC-POD-EXEC", "RBAC-ESC-MUTATING-WEBHOOK", "RBAC-ESC-VALIDATING-WEBHOOK", "RBAC-ESC-PV-CREATE",
            ]))
    }
}
