import PalisadeCore
import Testing

@testable import PalisadeGraph

/// Paths, their ranking and findings, lateral movement, `--from`, and bad input.
@Suite struct AttackPathTests {
    typealias F = GraphFixture

    /// An exposed web Deployment whose account can read every Secret cluster-wide.
    static let exposedReader = [
        F.deployment("web"), F.service("web"),
        F.grant("reader", rules: F.rule("\"\"", "secrets", "get,list"), bindIn: nil),
    ]

    @Test func exposedWorkloadWithSecretReaderReachesKubeSystemSecrets() throws {
        let result = F.build(Self.exposedReader)
        let paths = AttackPathFinder(graph: result.graph).paths()
        let path = try #require(paths.first { $0.jewel == .kubeSystemSecrets })
        let ids = path.nodes(in: result.graph).map { result.graph.nodes[$0].id }
        #expect(
            ids == [
                "internet", "service:shop/web", "workload:shop/Deployment/web", "container:shop/Deployment/web/app",
                "sa:shop/web", "role:ClusterRole/reader", "secrets:kube-system",
            ])
        let finding = try #require(AttackPathFindings.findings([path], in: result.graph).first)
        #expect(finding.ruleId == "PATH-KUBE-SYSTEM-SECRETS")
        #expect(finding.severity == .critical)
        #expect(
            finding.message.hasPrefix(
                "6-step path: internet -[EXPOSED_BY_LOADBALANCER T1190]-> Service shop/web -[SERVICE_SELECTS_WORKLOAD"))
        #expect(finding.message.hasSuffix("-[READ_SECRETS T1552.007]-> Secrets of namespace kube-system"))
        #expect(finding.frameworks.mitre == ["T1190", "T1609", "T1528", "T1078", "T1552.007"])
        #expect(finding.location.file == "t.yaml")
        #expect(finding.location.line == 1)
        #expect(finding.object?.name == "web")
    }

    /// The differentiator: the same exposed Deployment, with and without a default-deny policy.
    @Test func defaultDenyNetworkPolicyRemovesThePath() {
        let open = F.build(Self.exposedReader)
        #expect(!AttackPathFinder(graph: open.graph).paths().isEmpty)
        let closed = F.build(Self.exposedReader + [ExposureEdgeTests.denyAll])
        #expect(AttackPathFinder(graph: closed.graph).paths().isEmpty)
        let reopened = F.build(Self.exposedReader + [ExposureEdgeTests.denyAll, ExposureEdgeTests.fromInternet])
        #expect(!AttackPathFinder(graph: reopened.graph).paths().isEmpty)
    }

    static let backendPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: db-from-api-only
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: db
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app: api
        """

    /// web (exposed, no permissions) -> db (privileged): the lateral edge exists only while
    /// NetworkPolicies let web connect to db.
    @Test func lateralMovementIsGatedByNetworkPolicies() throws {
        let docs = [
            F.deployment("web", podSpec: "automountServiceAccountToken: false"), F.service("web"),
            F.deployment("db", sa: "db", container: "securityContext:\n  privileged: true"),
        ]
        let open = F.build(docs)
        #expect(open.graph.hasEdge("workload:shop/Deployment/web", "workload:shop/Deployment/db", .networkReachable))
        let path = try #require(AttackPathFinder(graph: open.graph).paths().first)
        #expect(path.jewel == .nodeRoot)
        #expect(open.graph.edges[path.edges[2]].kind == .networkReachable)
        #expect(AttackPathFindings.findings([path], in: open.graph).first?.ruleId == "PATH-NODE-ROOT")

        let closed = F.build(docs + [Self.backendPolicy])
        #expect(!closed.graph.hasEdge("workload:shop/Deployment/web", "workload:shop/Deployment/db", .networkReachable))
        #expect(AttackPathFinder(graph: closed.graph).paths().isEmpty)
    }

    @Test func pathsAreRankedBySeverityThenLengthAndCapped() {
        let docs = [
            // a: privileged (node root, short); b: bound to a wildcard role (cluster-admin, longer).
            F.deployment("a", sa: "a", container: "securityContext:\n  privileged: true"), F.service("a"),
            F.deployment("b", sa: "b"), F.service("b"),
            F.grant("god", rules: F.everything, bindIn: nil, sa: "b"),
        ]
        let result = F.build(docs)
        let paths = AttackPathFinder(graph: result.graph).paths()
        let jewels = paths.map(\.jewel)
        #expect(jewels.first == .clusterAdmin)
        #expect(jewels.last == .nodeRoot)
        let severities = paths.map(\.jewel.severity)
        #expect(severities == severities.sorted(by: >))
        for (x, y) in zip(paths, paths.dropFirst()) where x.jewel == y.jewel { #expect(x.length <= y.length) }
        #expect(AttackPathFinder(graph: result.graph).paths(maxPaths: 1).count == 1)
        // One path per (entry workload, jewel kind).
        let entries = paths.map { "\(AttackPathFindings.entry($0, in: result.graph)!)-\($0.jewel)" }
        #expect(Set(entries).count == paths.count)
    }

    @Test func fromAnyNodeFindsItsPaths() throws {
        let docs = [F.deployment("internal", sa: "ops"), F.grant("god", rules: F.everything, bindIn: nil, sa: "ops")]
        let result = F.build(docs, from: ["workload:shop/Deployment/internal"])
        let finder = AttackPathFinder(graph: result.graph)
        #expect(finder.paths().isEmpty)
        let paths = try finder.paths(from: "workload:shop/Deployment/internal")
        #expect(paths.first?.jewel == .clusterAdmin)
        #expect(paths.first?.length == 4)
        #expect(throws: AttackPathFinder.Failure.self) { try finder.paths(from: "workload:shop/Deployment/nope") }
        do {
            _ = try finder.paths(from: "workload:shop/Deployment/internl")
        } catch {
            #expect(error.description.contains("did you mean 'workload:shop/Deployment/internal'"))
        }
    }

    @Test func badInputIsReportedAndTheRestOfTheGraphIsBuilt() throws {
        let unknownRole = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: ghost
              namespace: shop
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: does-not-exist
            subjects:
            - kind: ServiceAccount
              name: web
            """
        let badPolicy = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: broken
              namespace: shop
            spec:
              podSelector:
                matchExpressions:
                - key: app
                  operator: Maybe
                  values: [web]
              ingress:
              - from:
                - ipBlock:
                    cidr: 10.0.0.300/8
            """
        let result = F.build(Self.exposedReader + [unknownRole, badPolicy, F.service("web"), Self.exposedReader[2]])
        let ids = result.issues.map(\.ruleId)
        #expect(ids.contains("GRAPH-UNKNOWN-ROLE"))
        #expect(ids.filter { $0 == "GRAPH-INVALID-NETWORKPOLICY" }.count == 2)
        #expect(ids.contains("GRAPH-DUPLICATE-OBJECT"))
        #expect(ids.contains("GRAPH-RBAC-ISSUE"))
        let messages = result.issues.map(\.message).joined(separator: "\n")
        #expect(messages.contains("invalid operator \"Maybe\""))
        #expect(messages.contains("10.0.0.300/8"))
        // The invalid selector matches nothing, so the workload stays exposed and the path is found.
        #expect(!AttackPathFinder(graph: result.graph).paths().isEmpty)
    }

    @Test func cyclesDoNotTrapTheSearch() {
        // Two accounts that can each mint the other's token, one of them exposed: a cycle.
        let docs = [
            F.deployment("web"), F.service("web"),
            F.grant("mint", rules: F.rule("\"\"", "serviceaccounts/token", "create"), roleNamespace: "shop"),
            F.grant(
                "mint2", rules: F.rule("\"\"", "serviceaccounts/token", "create"), roleNamespace: "shop", sa: "other"),
            F.grant("god", rules: F.everything, bindIn: nil, sa: "other"),
        ]
        let result = F.build(docs)
        let paths = AttackPathFinder(graph: result.graph).paths()
        let admin = paths.first { $0.jewel == .clusterAdmin }
        #expect(admin != nil)
        let ids = admin.map { $0.nodes(in: result.graph).map { result.graph.nodes[$0].id } } ?? []
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("sa:shop/other"))
    }

    /// `--from` a workload nothing exposes: lateral movement is computed from it too.
    @Test func fromAWorkloadAlsoMovesLaterally() throws {
        let docs = [
            F.deployment("jump", sa: "jump", podSpec: "automountServiceAccountToken: false"),
            F.deployment("db", sa: "db", container: "securityContext:\n  privileged: true"),
        ]
        let without = F.build(docs)
        #expect(
            !without.graph.hasEdge("workload:shop/Deployment/jump", "workload:shop/Deployment/db", .networkReachable))
        let result = F.build(docs, from: ["workload:shop/Deployment/jump"])
        let paths = try AttackPathFinder(graph: result.graph).paths(from: "workload:shop/Deployment/jump")
        #expect(paths.map(\.jewel) == [.nodeRoot])
        #expect(result.graph.edges[paths[0].edges[0]].kind == .networkReachable)
    }
}
