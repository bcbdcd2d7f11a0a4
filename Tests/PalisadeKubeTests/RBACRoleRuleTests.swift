import PalisadeCore
import PalisadeKube
import Testing

/// One table row: a manifest, the rule scanned for, and how many findings it must give.
struct RoleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let count: Int
    let note: String
    let yaml: String

    init(_ rule: String, _ count: Int, _ note: String, _ yaml: String) {
        self.rule = rule
        self.count = count
        self.note = note
        self.yaml = yaml
    }

    var testDescription: String { "\(rule) \(count > 0 ? "fires" : "silent"): \(note)" }
}

@Suite("RBAC role rules")
struct RBACRoleRuleTests {
    static let cases: [RoleCase] = [
        RoleCase(
            "K8S-RBAC-WILDCARD-ADMIN", 1, "full wildcard",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-ADMIN", 1, "full wildcard in a Role",
            RBACTestSupport.role("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-ADMIN", 0, "core group only",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-ADMIN", 0, "read-only wildcard",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"get\", \"list\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-VERBS", 1, "star verbs",
            RBACTestSupport.clusterRole("- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-VERBS", 1, "star verbs on URLs",
            RBACTestSupport.clusterRole("- nonResourceURLs: [\"/metrics\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-VERBS", 0, "explicit verbs",
            RBACTestSupport.clusterRole("- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-VERBS", 0, "full wildcard reported by ADMIN only",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-RESOURCES", 1, "star resources",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"*\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-RESOURCES", 0, "explicit resources",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"pods\", \"services\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-RESOURCES", 0, "full wildcard reported by ADMIN only",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-APIGROUPS", 1, "star groups",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"deployments\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-WILDCARD-APIGROUPS", 0, "explicit groups",
            RBACTestSupport.clusterRole("- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 1, "list secrets",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\", \"list\"]")
        ),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 1, "watch secrets in a Role",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"watch\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 1, "wildcard resources cover secrets",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"*\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 1, "wildcard verbs and groups",
            RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"secrets\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 0, "secrets are not in apps",
            RBACTestSupport.clusterRole("- apiGroups: [\"apps\"]\n  resources: [\"*\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 0, "write-only",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"create\", \"delete\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 0, "named secret",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  resourceNames: [\"tls\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-READ", 0, "configmaps",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"configmaps\"]\n  verbs: [\"get\", \"list\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-NAMED-READ", 1, "named secret",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  resourceNames: [\"tls\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SECRETS-NAMED-READ", 0, "all secrets reported by SECRETS-READ",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 1, "exec",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"pods/exec\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 1, "attach and port-forward",
            RBACTestSupport.role(
                "- apiGroups: [\"\"]\n  resources: [\"pods/attach\", \"pods/portforward\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 0, "pods/* is not an RBAC wildcard",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"pods/*\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 1, "*/exec subresource wildcard",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"*/exec\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 1, "wildcards grant exec",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 0, "pods and logs",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"pods\", \"pods/log\"]\n  verbs: [\"get\", \"create\"]")),
        RoleCase(
            "K8S-RBAC-POD-EXEC", 0, "wrong group",
            RBACTestSupport.clusterRole("- apiGroups: [\"apps\"]\n  resources: [\"pods/exec\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-EPHEMERAL-CONTAINERS", 1, "patch",
            RBACTestSupport.role(
                "- apiGroups: [\"\"]\n  resources: [\"pods/ephemeralcontainers\"]\n  verbs: [\"patch\"]")),
        RoleCase(
            "K8S-RBAC-EPHEMERAL-CONTAINERS", 0, "get only",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"pods/ephemeralcontainers\"]\n  verbs: [\"get\"]")
        ),
        RoleCase(
            "K8S-RBAC-WORKLOAD-CREATE", 1, "create pods",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"pods\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-WORKLOAD-CREATE", 1, "patch deployments and cronjobs",
            RBACTestSupport.role(
                "- apiGroups: [\"apps\", \"batch\"]\n  resources: [\"deployments\", \"cronjobs\"]\n  verbs: [\"patch\"]"
            )),
        RoleCase(
            "K8S-RBAC-WORKLOAD-CREATE", 1, "wildcard resources in apps",
            RBACTestSupport.role("- apiGroups: [\"apps\"]\n  resources: [\"*\"]\n  verbs: [\"update\"]")),
        RoleCase(
            "K8S-RBAC-WORKLOAD-CREATE", 0, "deployments are not in core",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"deployments\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-WORKLOAD-CREATE", 0, "read and delete",
            RBACTestSupport.role(
                "- apiGroups: [\"apps\"]\n  resources: [\"deployments\"]\n  verbs: [\"get\", \"list\", \"delete\"]")),
        RoleCase(
            "K8S-RBAC-NODES-PROXY", 1, "get nodes/proxy",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"nodes/proxy\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-NODES-PROXY", 1, "any verb counts",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"nodes/proxy\"]\n  verbs: [\"deletecollection\"]")),
        RoleCase(
            "K8S-RBAC-NODES-PROXY", 0, "no verbs",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"nodes/proxy\"]\n  verbs: []")),
        RoleCase(
            "K8S-RBAC-NODES-PROXY", 0, "Role cannot grant a cluster-scoped resource",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"nodes/proxy\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-NODES-PROXY", 0, "metrics",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"nodes\", \"nodes/metrics\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-SA-TOKEN-CREATE", 1, "create token",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"serviceaccounts/token\"]\n  verbs: [\"create\"]")
        ),
        RoleCase(
            "K8S-RBAC-SA-TOKEN-CREATE", 0, "create accounts",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"serviceaccounts\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-ESCALATE", 1, "escalate clusterroles",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"clusterroles\"]\n  verbs: [\"escalate\"]"
            )),
        RoleCase(
            "K8S-RBAC-ESCALATE", 1, "star verbs on roles",
            RBACTestSupport.role(
                "- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"roles\"]\n  verbs: [\"*\"]")),
        RoleCase(
            "K8S-RBAC-ESCALATE", 0, "update without escalate",
            RBACTestSupport.role(
                "- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"roles\"]\n  verbs: [\"get\", \"update\"]"
            )),
        RoleCase(
            "K8S-RBAC-BIND", 1, "bind",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"clusterroles\"]\n  verbs: [\"bind\"]")),
        RoleCase(
            "K8S-RBAC-BIND", 0, "create bindings",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"rolebindings\"]\n  verbs: [\"create\"]")),
        RoleCase(
            "K8S-RBAC-IMPERSONATE", 1, "users and groups",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"\"]\n  resources: [\"users\", \"groups\"]\n  verbs: [\"impersonate\"]")),
        RoleCase(
            "K8S-RBAC-IMPERSONATE", 1, "service accounts in a Role",
            RBACTestSupport.role("- apiGroups: [\"\"]\n  resources: [\"serviceaccounts\"]\n  verbs: [\"impersonate\"]")),
        RoleCase(
            "K8S-RBAC-IMPERSONATE", 1, "uids",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"authentication.k8s.io\"]\n  resources: [\"userextras/scopes\", \"uids\"]\n  verbs: [\"impersonate\"]"
            )),
        RoleCase(
            "K8S-RBAC-IMPERSONATE", 0, "read accounts",
            RBACTestSupport.clusterRole("- apiGroups: [\"\"]\n  resources: [\"serviceaccounts\"]\n  verbs: [\"get\"]")),
        RoleCase(
            "K8S-RBAC-CSR-APPROVE", 2, "approval and signer",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"certificates.k8s.io\"]\n  resources: [\"certificatesigningrequests/approval\"]\n  verbs: [\"update\"]\n- apiGroups: [\"certificates.k8s.io\"]\n  resources: [\"signers\"]\n  verbs: [\"approve\"]"
            )),
        RoleCase(
            "K8S-RBAC-CSR-APPROVE", 0, "submit CSRs",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"certificates.k8s.io\"]\n  resources: [\"certificatesigningrequests\"]\n  verbs: [\"create\", \"get\"]"
            )),
        RoleCase(
            "K8S-RBAC-WEBHOOK-CONFIG", 1, "patch mutating",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"admissionregistration.k8s.io\"]\n  resources: [\"mutatingwebhookconfigurations\"]\n  verbs: [\"patch\"]"
            )),
        RoleCase(
            "K8S-RBAC-WEBHOOK-CONFIG", 1, "delete validating",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"admissionregistration.k8s.io\"]\n  resources: [\"validatingwebhookconfigurations\"]\n  verbs: [\"delete\"]"
            )),
        RoleCase(
            "K8S-RBAC-WEBHOOK-CONFIG", 0, "read only",
            RBACTestSupport.clusterRole(
                "- apiGroups: [\"admissionregistration.k8s.io\"]\n  resources: [\"validatingwebhookconfigurations\"]\n  verbs: [\"get\", \"list\", \"watch\"]"
            )),
    ]

    @Test(arguments: cases)
    func ruleFiresOnlyWhenExpected(_ c: RoleCase) {
        let findings = RBACTestSupport.scan(c.yaml, rules: [c.rule])
        #expect(findings.count == c.count, "\(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.ruleId == c.rule })
    }
}

@Suite("RBAC role rules: messages, positions and odd inputs")
struct RBACRoleRuleDetailTests {
    @Test func secretsFindingNamesRoleRuleAndGrant() throws {
        let yaml = RBACTestSupport.clusterRole(
            """
            - apiGroups: [""]
              resources: ["pods"]
              verbs: ["get"]
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["get"]
            - apiGroups: [""]
              resources: ["secrets"]
              verbs: ["get", "list"]
            """)
        let f = try #require(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-SECRETS-READ"]).first)
        #expect(f.message == "ClusterRole \"ops\" rule[2] grants get,list on secrets in all namespaces")
        #expect(f.location.path == "rules[2].verbs")
        #expect(f.location.line == 14)
        #expect(f.location.column == 3)
    }

    @Test func wildcardGrantIsExplainedInTheMessage() throws {
        let yaml = RBACTestSupport.role("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")
        let f = try #require(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-POD-EXEC"]).first)
        #expect(
            f.message
                == "Role \"dev\" rule[0] grants create,get on pods/exec, pods/attach, pods/portforward in namespace "
                + "\"team\" (via verbs \"*\", resources \"*\", apiGroups \"*\")")
    }

    @Test func fullWildcardIsCriticalAndEveryDangerousRuleSeesIt() {
        let yaml = RBACTestSupport.clusterRole("- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]")
        let ids = Set(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-*"]).map(\.ruleId))
        #expect(
            ids == [
                "K8S-RBAC-WILDCARD-ADMIN", "K8S-RBAC-SECRETS-READ", "K8S-RBAC-POD-EXEC",
                "K8S-RBAC-EPHEMERAL-CONTAINERS", "K8S-RBAC-WORKLOAD-CREATE", "K8S-RBAC-NODES-PROXY",
                "K8S-RBAC-SA-TOKEN-CREATE", "K8S-RBAC-ESCALATE", "K8S-RBAC-BIND", "K8S-RBAC-IMPERSONATE",
                "K8S-RBAC-CSR-APPROVE", "K8S-RBAC-WEBHOOK-CONFIG",
            ])
        let admin = RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-WILDCARD-ADMIN"])
        #expect(admin.first?.severity == .critical)
    }

    @Test func aggregatedClusterRoleWithoutRulesIsFine() {
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: monitoring
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels:
                  rbac.example.com/aggregate-to-monitoring: "true"
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: agg2
            aggregationRule:
              clusterRoleSelectors: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: odd
            rules:
            - 7
            - verbs: "*"
              resources: {a: b}
            """
        #expect(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-*"]).isEmpty)
    }

    @Test func otherAPIGroupsNamedRoleAreIgnored() {
        let yaml = """
            apiVersion: example.com/v1
            kind: Role
            metadata:
              name: x
            rules:
            - apiGroups: ["*"]
              resources: ["*"]
              verbs: ["*"]
            """
        #expect(RBACTestSupport.scan(yaml, rules: ["K8S-RBAC-*"]).isEmpty)
    }

    @Test func everyRuleHasCompleteMetadata() {
        let rules = RBACRules.all.map(\.metadata)
        #expect(rules.count >= 12)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for m in rules {
            #expect(m.id.hasPrefix("K8S-RBAC-"))
            #expect(m.category == "RBAC")
            #expect(!m.why.isEmpty && !m.remediation.isEmpty && !m.references.isEmpty)
            #expect(!m.frameworks.mitre.isEmpty)
        }
    }
}
