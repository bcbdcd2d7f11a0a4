import Foundation
import PalisadeCore
import PalisadeKube
import Testing

@testable import PalisadeGraph

/// Facts checked by reading the real manifests (Tests/Fixtures/paths, Tests/Fixtures/rbac).
@Suite struct AttackPathRealManifestTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func load(_ relative: String) -> [KubeObject] {
        let path = fixtures.appendingPathComponent(relative).path
        let (inputs, _) = ManifestDiscovery.expand([path])
        return KubeObjectLoader().load(inputs).objects
    }

    /// ingress-nginx (cloud): the controller Deployment sits behind a LoadBalancer Service, mounts the
    /// token of ServiceAccount ingress-nginx, whose ClusterRole ingress-nginx (bound by
    /// ClusterRoleBinding ingress-nginx) may list and watch Secrets cluster-wide (deploy.yaml
    /// lines 146-166): a 6-step path to kube-system's Secrets. No privileged container, so no node root.
    @Test func ingressNginxControllerReadsKubeSystemSecretsFromTheInternet() throws {
        let result = AttackGraphBuilder(objects: Self.load("paths/ingress-nginx/deploy.yaml")).build()
        #expect(result.issues.isEmpty)
        let graph = result.graph
        #expect(graph.hasEdge("internet", "service:ingress-nginx/ingress-nginx-controller", .exposedByLoadBalancer))
        let paths = AttackPathFinder(graph: graph).paths()
        #expect(paths.count == 1)
        let path = try #require(paths.first)
        #expect(path.jewel == .kubeSystemSecrets)
        let ids = path.nodes(in: graph).map { graph.nodes[$0].id }
        #expect(
            ids == [
                "internet", "service:ingress-nginx/ingress-nginx-controller",
                "workload:ingress-nginx/Deployment/ingress-nginx-controller",
                "container:ingress-nginx/Deployment/ingress-nginx-controller/controller",
                "sa:ingress-nginx/ingress-nginx", "role:ClusterRole/ingress-nginx", "secrets:kube-system",
            ])
        let finding = try #require(AttackPathFindings.findings(paths, in: graph).first)
        #expect(finding.location.file.hasSuffix("deploy.yaml"))
        #expect(finding.object?.kind == "Deployment")
        // The admission Jobs' Role may get and create Secrets of its own namespace only (lines 125-143).
        let admission = "role:Role/ingress-nginx/ingress-nginx-admission"
        let ownNamespace = graph.hasEdge(admission, "secrets:ingress-nginx", .readSecrets)
        let kubeSystem = graph.hasEdge(admission, "secrets:kube-system", .readSecrets)
        #expect(ownNamespace)
        #expect(!kubeSystem)
    }

    /// argo-cd's RBAC: ClusterRole argocd-application-controller allows every verb on every resource
    /// and is bound cluster-wide to ServiceAccount argocd-application-controller; argocd-server's
    /// ClusterRole may delete/get/patch any resource but holds no wildcard verb, and reaches
    /// cluster-admin only through more steps, never by grantsEverything.
    @Test func argoCDApplicationControllerIsClusterAdmin() throws {
        let objects = Self.load("rbac/argo-cd/install-rbac.yaml")
        let result = AttackGraphBuilder(objects: objects, options: .init(defaultNamespace: "argocd")).build()
        let graph = result.graph
        #expect(graph.hasEdge("role:ClusterRole/argocd-application-controller", "cluster-admin", .grantsEverything))
        let finder = AttackPathFinder(graph: graph)
        let controller = try finder.paths(from: "sa:argocd/argocd-application-controller")
        #expect(controller.first?.jewel == .clusterAdmin)
        #expect(controller.first?.length == 2)
        #expect(!graph.hasEdge("role:ClusterRole/argocd-server", "cluster-admin", .grantsEverything))
    }
}
