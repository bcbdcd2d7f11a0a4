import Testing

@testable import PalisadeGraph

/// How the internet gets in, and how NetworkPolicies gate it.
@Suite struct ExposureEdgeTests {
    typealias F = GraphFixture
    let web = "workload:shop/Deployment/web"

    @Test func loadBalancerAndNodePortServicesAreExposed() {
        let graph = F.build([F.deployment("web"), F.service("web"), F.service("np", type: "NodePort", app: "web")])
            .graph
        #expect(graph.hasEdge("internet", "service:shop/web", .exposedByLoadBalancer))
        #expect(graph.hasEdge("internet", "service:shop/np", .exposedByNodePort))
        #expect(graph.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        let inside = F.build([F.deployment("web"), F.service("web", type: "ClusterIP")]).graph
        #expect(!inside.hasEdge("internet", "service:shop/web", .exposedByLoadBalancer))
        #expect(!inside.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
    }

    @Test func serviceSelectsOnlyMatchingWorkloads() {
        let graph = F.build([F.deployment("web"), F.deployment("db", sa: "db"), F.service("web")]).graph
        #expect(graph.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        #expect(!graph.hasEdge("service:shop/web", "workload:shop/Deployment/db", .serviceSelectsWorkload))
    }

    static let ingress = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: front
          namespace: shop
        spec:
          defaultBackend:
            service:
              name: web
              port:
                number: 80
          rules:
          - http:
              paths:
              - path: /api
                pathType: Prefix
                backend:
                  service:
                    name: missing
                    port:
                      number: 80
        """

    @Test func ingressRoutesToItsBackendServices() {
        let graph = F.build([F.deployment("web"), F.service("web", type: "ClusterIP"), Self.ingress]).graph
        #expect(graph.hasEdge("internet", "ingress:shop/front", .exposedByIngress))
        #expect(graph.hasEdge("ingress:shop/front", "service:shop/web", .ingressRoutesToService))
        #expect(graph.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        #expect(!graph.hasEdge("ingress:shop/front", "service:shop/missing", .ingressRoutesToService))
    }

    static let denyAll = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny-all
          namespace: shop
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        """

    static let sameNamespaceOnly = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: same-namespace
          namespace: shop
        spec:
          podSelector: {}
          ingress:
          - from:
            - podSelector: {}
        """

    static let fromIngressController = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-ingress-nginx
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: ingress-nginx
            ports:
            - port: 8080
        """

    static let fromInternet = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-anywhere
          namespace: shop
        spec:
          podSelector: {}
          ingress:
          - from:
            - ipBlock:
                cidr: 0.0.0.0/0
        """

    @Test func loadBalancerPathIsGatedByNetworkPolicies() {
        let open = F.build([F.deployment("web"), F.service("web")]).graph
        #expect(open.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        let denied = F.build([F.deployment("web"), F.service("web"), Self.denyAll]).graph
        #expect(!denied.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        let inside = F.build([F.deployment("web"), F.service("web"), Self.sameNamespaceOnly]).graph
        #expect(!inside.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        let allowed = F.build([F.deployment("web"), F.service("web"), Self.denyAll, Self.fromInternet]).graph
        #expect(allowed.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
    }

    @Test func ingressPathIsOpenOnlyWhenSomePolicyAdmitsOtherNamespaces() {
        let base = [F.deployment("web"), F.service("web", type: "ClusterIP"), Self.ingress, Self.denyAll]
        #expect(!F.build(base).graph.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        #expect(
            !F.build(base + [Self.sameNamespaceOnly]).graph.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        let admitted = F.build(base + [Self.fromIngressController]).graph
        #expect(admitted.hasEdge("service:shop/web", web, .serviceSelectsWorkload))
        #expect(
            admitted.edge("service:shop/web", web, .serviceSelectsWorkload)?.reason.contains("from-ingress-nginx")
                == true)
    }

    @Test func hostPortIsExposedUnlessPoliciesDenyIt() {
        let exposed = F.build([F.deployment("web", hostPort: 8080)]).graph
        #expect(exposed.hasEdge("internet", web, .exposedByHostPort))
        #expect(!F.build([F.deployment("web")]).graph.hasEdge("internet", web, .exposedByHostPort))
        let denied = F.build([F.deployment("web", hostPort: 8080), Self.denyAll]).graph
        #expect(!denied.hasEdge("internet", web, .exposedByHostPort))
    }
}
