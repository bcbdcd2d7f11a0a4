import Testing

@testable import PalisadeGraph

/// Edges inside a workload: containers, tokens, Secrets, escapes, placement.
@Suite struct WorkloadEdgeTests {
    typealias F = GraphFixture
    let web = "workload:shop/Deployment/web"
    let app = "container:shop/Deployment/web/app"

    @Test func workloadRunsItsContainersAndMountsItsToken() {
        let graph = F.build([F.deployment("web")]).graph
        #expect(graph.hasEdge(web, app, .runsContainer))
        let token = graph.edge(app, "sa:shop/web", .tokenMounted)
        #expect(token?.location?.path == "spec.template.spec.serviceAccountName")
        #expect(graph.node(web)?.object?.kind == "Deployment")
    }

    @Test func noTokenWhenThePodOrTheAccountTurnsItOff() {
        let pod = F.build([F.deployment("web", podSpec: "automountServiceAccountToken: false")]).graph
        #expect(!pod.hasEdge(app, "sa:shop/web", .tokenMounted))
        let account =
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n"
            + "automountServiceAccountToken: false"
        let off = F.build([account, F.deployment("web")]).graph
        #expect(!off.hasEdge(app, "sa:shop/web", .tokenMounted))
        let back = F.build([account, F.deployment("web", podSpec: "automountServiceAccountToken: true")]).graph
        #expect(back.hasEdge(app, "sa:shop/web", .tokenMounted))
    }

    @Test func secretsMountedAsVolumesVariablesAndProjections() {
        let podSpec = """
            volumes:
            - name: creds
              secret:
                secretName: db
            - name: unused
              secret:
                secretName: never
            - name: proj
              projected:
                sources:
                - secret:
                    name: api
            """
        let container = """
            envFrom:
            - secretRef:
                name: env-all
            env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: one-key
                  key: password
            volumeMounts:
            - name: creds
              mountPath: /creds
            - name: proj
              mountPath: /proj
            """
        let graph = F.build([F.deployment("web", podSpec: podSpec, container: container)]).graph
        for secret in ["db", "api", "env-all", "one-key"] {
            #expect(graph.hasEdge(app, "secret:shop/\(secret)", .secretMounted), "\(secret)")
        }
        #expect(!graph.hasEdge(app, "secret:shop/never", .secretMounted))
        #expect(F.build([F.deployment("web")]).graph.count(.secretMounted) == 0)
    }

    @Test func privilegedHostPIDAndCapabilitiesEscapeToTheNode() {
        let container = """
            securityContext:
              privileged: true
              capabilities:
                add: [SYS_ADMIN, SYS_MODULE]
            """
        let graph = F.build([F.deployment("web", podSpec: "hostPID: true", container: container)]).graph
        for kind in [GraphEdgeKind.privilegedEscape, .hostPIDEscape, .sysAdminEscape, .sysModuleEscape] {
            #expect(graph.hasEdge(app, "node:*", kind), "\(kind)")
        }
        #expect(graph.node("node:*")?.crownJewel == .nodeRoot)
        let tame = F.build([
            F.deployment(
                "web", container: "securityContext:\n  privileged: false\n  capabilities:\n    add: [NET_BIND_SERVICE]")
        ]).graph
        for kind in [GraphEdgeKind.privilegedEscape, .hostPIDEscape, .sysAdminEscape, .sysModuleEscape] {
            #expect(!tame.hasEdge(app, "node:*", kind), "\(kind)")
        }
    }

    static func hostPath(_ path: String, readOnly: Bool) -> (String, String) {
        (
            "volumes:\n- name: host\n  hostPath:\n    path: \(path)",
            "volumeMounts:\n- name: host\n  mountPath: /host\n  readOnly: \(readOnly)"
        )
    }

    @Test func writableSensitiveHostPathsAndRuntimeSocketsEscape() {
        func graph(_ path: String, readOnly: Bool) -> AttackGraph {
            let (spec, mount) = Self.hostPath(path, readOnly: readOnly)
            return F.build([F.deployment("web", podSpec: spec, container: mount)]).graph
        }
        #expect(graph("/etc", readOnly: false).hasEdge(app, "node:*", .hostPathEscape))
        #expect(graph("/var/lib/kubelet/pods", readOnly: false).hasEdge(app, "node:*", .hostPathEscape))
        #expect(!graph("/etc", readOnly: true).hasEdge(app, "node:*", .hostPathEscape))
        #expect(!graph("/data/cache", readOnly: false).hasEdge(app, "node:*", .hostPathEscape))
        #expect(graph("/var/run/docker.sock", readOnly: true).hasEdge(app, "node:*", .runtimeSocketEscape))
        #expect(!graph("/data/cache", readOnly: false).hasEdge(app, "node:*", .runtimeSocketEscape))
    }

    @Test func namedNodesRunTheirPodsAndAnyNodeRunsTheUnscheduled() {
        let pinned = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: pinned
              namespace: shop
            spec:
              nodeName: n1
              containers:
              - name: app
                image: nginx
            """
        let graph = F.build([pinned, F.deployment("web")]).graph
        #expect(graph.hasEdge("node:n1", "workload:shop/Pod/pinned", .nodeRunsWorkload))
        #expect(graph.hasEdge("node:*", web, .nodeRunsWorkload))
        #expect(!graph.hasEdge("node:*", "workload:shop/Pod/pinned", .nodeRunsWorkload))
        #expect(!graph.hasEdge("node:n1", web, .nodeRunsWorkload))
    }

    @Test func nodeCredentialsOnlyWhenABindingNamesTheNodes() {
        let pinned = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: pinned
              namespace: shop
            spec:
              nodeName: n1
              containers:
              - name: app
                image: nginx
            """
        let binding = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: nodes-read-secrets
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: secret-reader
            subjects:
            - kind: Group
              name: system:nodes
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: secret-reader
            rules:
            \(F.rule("\"\"", "secrets", "get"))
            """
        let graph = F.build([pinned, binding]).graph
        #expect(graph.hasEdge("node:n1", "group:system:nodes", .nodeCredentials))
        #expect(graph.hasEdge("group:system:nodes", "role:ClusterRole/secret-reader", .boundToRole))
        #expect(!F.build([pinned]).graph.hasEdge("node:n1", "group:system:nodes", .nodeCredentials))
    }
}
