import Foundation
import Testing

/// `palisade rbac who-can | can | show` through the real binary.
@Suite struct RBACCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rbac")
    static let argo = fixtures.appendingPathComponent("argo-cd/install-rbac.yaml").path

    @Test func whoCanTable() throws {
        let run = try CLIRunner.run(["rbac", "who-can", "list", "secrets", "--default-namespace", "argocd", Self.argo])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Who can list secrets (core) cluster-wide:\n"))
        #expect(run.stdout.contains("sa:argocd:argocd-application-controller"))
        #expect(run.stdout.contains("sa:argocd:argocd-applicationset-controller"))
        #expect(!run.stdout.contains("sa:argocd:argocd-server"))
        // Built-in: system:masters via cluster-admin, the controller manager via its bootstrap role.
        #expect(run.stdout.contains("group:system:masters"))
        #expect(run.stdout.contains("user:system:kube-controller-manager"))
    }

    @Test func whoCanJSONWithoutBuiltIns() throws {
        let run = try CLIRunner.run([
            "rbac", "who-can", "get", "secrets", "-n", "argocd", "--name", "argocd-redis", "--no-builtin-roles",
            "--default-namespace", "argocd", "--format", "json", Self.argo,
        ])
        #expect(run.status == 0)
        let json = try #require(run.json)
        let request = try #require(json["request"] as? [String: Any])
        #expect(request["namespace"] as? String == "argocd")
        #expect(request["name"] as? String == "argocd-redis")
        let subjects = try #require(json["subjects"] as? [[String: Any]])
        let labels = Set(subjects.compactMap { ($0["subject"] as? [String: Any])?["label"] as? String })
        #expect(labels.contains("sa:argocd:argocd-redis"))
        #expect(!labels.contains("group:system:masters"))
        let redis = try #require(
            subjects.first { ($0["subject"] as? [String: Any])?["label"] as? String == "sa:argocd:argocd-redis" })
        let grant = try #require(redis["grant"] as? [String: Any])
        let rule = try #require(grant["rule"] as? [String: Any])
        #expect(rule["resourceNames"] as? [String] == ["argocd-redis"])
        #expect(grant["path"] as? String == "RoleBinding/argocd/argocd-redis -> Role/argocd/argocd-redis rule 0")
    }

    @Test func canYesAndNo() throws {
        let yes = try CLIRunner.run([
            "rbac", "can", "sa:argocd:argocd-server", "create", "jobs", "--default-namespace", "argocd", Self.argo,
        ])
        #expect(yes.status == 0)
        #expect(yes.stdout.hasPrefix("yes: sa:argocd:argocd-server can create jobs (batch) cluster-wide\n"))
        #expect(yes.stdout.contains("via ClusterRoleBinding/argocd-server -> ClusterRole/argocd-server rule 5"))
        let no = try CLIRunner.run([
            "rbac", "can", "system:serviceaccount:argocd:argocd-dex-server", "list", "secrets", "-n", "default",
            "--default-namespace", "argocd", "--exit-code", Self.argo,
        ])
        #expect(no.status == 1)
        #expect(no.stdout == "no: sa:argocd:argocd-dex-server cannot list secrets (core) in namespace \"default\"\n")
        let json = try CLIRunner.run([
            "rbac", "can", "group:system:masters", "delete", "nodes", "--format", "json", Self.argo,
        ])
        #expect(json.status == 0)
        #expect(json.json?["allowed"] as? Bool == true)
    }

    @Test func showMergesPerScope() throws {
        let run = try CLIRunner.run([
            "rbac", "show", "sa:argocd:argocd-redis", "--default-namespace", "argocd", "--format", "json", Self.argo,
        ])
        #expect(run.status == 0)
        let json = try #require(run.json)
        #expect(json["user"] as? String == "system:serviceaccount:argocd:argocd-redis")
        let scopes = try #require(json["scopes"] as? [[String: Any]])
        // Cluster-wide: the built-in basic-user, discovery and public-info-viewer; then namespace argocd.
        #expect(scopes.map { $0["namespace"] as? String } == [nil, "argocd"])
        let argocd = try #require(scopes.last?["permissions"] as? [[String: Any]])
        #expect(argocd.count == 2)
        #expect(argocd.first?["resourceNames"] as? [String] == ["argocd-redis"])
        let table = try CLIRunner.run(["rbac", "show", "user:nobody", "--no-builtin-roles", Self.argo])
        #expect(table.status == 0)
        #expect(table.stdout.contains("none"))
    }

    @Test func issuesGoToStderr() throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            "b.yaml",
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: b}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: missing}
            subjects: [{kind: User, name: alice}]

            """)
        let run = try CLIRunner.run(["rbac", "can", "user:alice", "get", "pods", file])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("no: "))
        #expect(run.stderr.contains("b.yaml:1: warning: ClusterRoleBinding/b refers to ClusterRole \"missing\""))
    }

    @Test func badInput() throws {
        let missing = try CLIRunner.run(["rbac", "who-can", "get", "pods", "/nonexistent/rbac.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines.count == 1)
        #expect(missing.stderrLines.first?.hasPrefix("palisade: error: ") == true)
        let subject = try CLIRunner.run(["rbac", "can", "alice", "get", "pods", Self.argo])
        #expect(subject.status == 2)
        #expect(subject.stderrLines.count == 1)
        #expect(subject.stderrLines.first?.hasPrefix("palisade: error: invalid subject 'alice'") == true)
        let version = try CLIRunner.run(["rbac", "show", "user:a", "--k8s-version", "1.2", Self.argo])
        #expect(version.status == 2)
        #expect(version.stderr.contains("--k8s-version"))
        #expect(version.stderr.contains("available: latest, 1.20"))
    }

    /// `--k8s-version` picks the bootstrap policy: `edit` lost endpoints write in 1.22.
    @Test func k8sVersionSelectsTheBuiltInRoles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-k8s-version-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rb.yaml")
        try Data(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: dev-edit, namespace: dev}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: User, name: alice}]
            """.utf8
        ).write(to: file)
        let args = ["rbac", "can", "user:alice", "update", "endpoints", "-n", "dev", "--name", "web", file.path]
        let newest = try CLIRunner.run(args)
        #expect(newest.status == 0)
        #expect(newest.stdout.hasPrefix("no"))
        for version in ["1.20", "v1.20.15"] {
            let old = try CLIRunner.run(args + ["--k8s-version", version])
            #expect(old.status == 0)
            #expect(old.stdout.hasPrefix("yes"), "\(old.stdout)")
        }
    }

    @Test func escalations() throws {
        let run = try CLIRunner.run([
            "rbac", "escalations", "--default-namespace", "argocd", "--format", "json", "--exit-code", "3", Self.argo,
        ])
        #expect(run.status == 3)
        let findings = try #require(run.json?["findings"] as? [[String: Any]])
        let messages = findings.compactMap { $0["message"] as? String }
        // The application controller holds * on * cluster-wide: every path; the dex server reads the
        // secrets of its namespace.
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "sa:argocd:argocd-application-controller -> ClusterRoleBinding/argocd-application-controller")
                    && $0.contains("can act as another identity")
            })
        #expect(
            findings.contains {
                $0["ruleId"] as? String == "RBAC-ESC-SECRETS-READ"
                    && ($0["message"] as? String)?.hasPrefix(
                        "sa:argocd:argocd-dex-server -> RoleBinding/argocd/argocd-dex-server") == true
            })
        let quiet = try CLIRunner.run([
            "rbac", "escalations", "--no-builtin-roles", "--rule", "RBAC-ESC-CSR-APPROVE", "--exit-code", "3",
            Self.argo,
        ])
        #expect(quiet.status == 3)
    }
}
