import PalisadeCore
import PalisadeKube
import Testing

/// Privilege-escalation findings from effective permissions (`RBAC-ESC-*`).
@Suite struct RBACEscalationTests {
    private func findings(_ yaml: String, builtIn: Bool = true) -> [Finding] {
        RBACEscalations(policy: RBACEngine.policy(yaml, builtIn: builtIn)).findings()
    }

    @Test func editInANamespaceCreatesWorkloadsReadsSecretsAndImpersonatesServiceAccounts() {
        let yaml =
            RBACEngine.binding("dev-edit", namespace: "dev", role: "edit", subjects: "- {kind: User, name: bob}")
            + RBACEngine.binding(
                "deployer", namespace: "dev", role: "view", subjects: "- {kind: ServiceAccount, name: deployer}")
        let found = findings(yaml).filter { $0.message.hasPrefix("user:bob") }
        let ids = Set(found.map(\.ruleId))
        #expect(
            ids == ["RBAC-ESC-WORKLOAD-CREATE", "RBAC-ESC-SECRETS-READ", "RBAC-ESC-IMPERSONATE", "RBAC-ESC-SA-TOKEN"])
        let workload = found.first { $0.ruleId == "RBAC-ESC-WORKLOAD-CREATE" }
        #expect(
            workload?.message.contains("in namespace dev -> can start a pod that runs as any service account") == true)
        #expect(workload?.message.hasSuffix("-> and so their permissions: sa:dev:deployer") == true)
        #expect(workload?.object?.name == "dev-edit")
        #expect(workload?.location.file == "t.yaml")
        // view grants none of these.
        #expect(!findings(yaml).contains { $0.message.hasPrefix("sa:dev:deployer") })
    }

    @Test func clusterWidePathsAreReportedOnce() {
        let yaml = RBACEngine.binding("admins", role: "cluster-admin", subjects: "- {kind: Group, name: ops}")
        let found = findings(yaml)
        // Every path but exec: no service account holds more than cluster-admin.
        #expect(Set(found.map(\.ruleId)).count == RBACEscalations.rules.count - 1)
        #expect(found.count == RBACEscalations.rules.count - 1)
        #expect(!found.contains { $0.ruleId == "RBAC-ESC-POD-EXEC" })
        #expect(found.allSatisfy { !$0.message.contains("in namespace") })
    }

    @Test func csrNeedsCreateAndApprove() {
        let create = RBACEngine.clusterRole(
            "csr",
            rules: "- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}")
        let approve = RBACEngine.clusterRole(
            "approve",
            rules: """
                - {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}
                - {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}
                """)
        let only = findings(create + RBACEngine.binding("a", role: "csr", subjects: RBACEngine.alice), builtIn: false)
        #expect(only.isEmpty)
        let both = findings(
            create + approve + RBACEngine.binding("a", role: "csr", subjects: RBACEngine.alice)
                + RBACEngine.binding("b", role: "approve", subjects: RBACEngine.alice), builtIn: false)
        #expect(both.map(\.ruleId) == ["RBAC-ESC-CSR-APPROVE"])
    }

    @Test func nodesProxyAndBindOnlyFromTheirRules() {
        let yaml =
            RBACEngine.clusterRole(
                "np",
                rules: """
                    - {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}
                    - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}
                    """) + RBACEngine.binding("np", role: "np", subjects: RBACEngine.alice)
        #expect(
            Set(findings(yaml, builtIn: false).map(\.ruleId)) == ["RBAC-ESC-NODES-PROXY", "RBAC-ESC-BIND-ESCALATE"])
        // Named secrets only: no secrets finding.
        let named =
            RBACEngine.role(
                "r", namespace: "a",
                rules: "- {apiGroups: [\"\"], resources: [secrets], resourceNames: [x], verbs: [get]}")
            + RBACEngine.binding("r", namespace: "a", roleKind: "Role", role: "r", subjects: RBACEngine.alice)
        #expect(findings(named, builtIn: false).isEmpty)
    }
}
