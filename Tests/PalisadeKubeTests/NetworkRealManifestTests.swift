import PalisadeCore
import PalisadeKube
import Testing

/// Real projects' manifests and NetworkPolicies (Tests/Fixtures/netpol/<project>), with facts read from the YAML.
@Suite struct NetworkRealManifestTests {
    static let boutiqueFiles =
        ["kubernetes-manifests.yaml"]
        + [
            "adservice", "cartservice", "checkoutservice", "currencyservice", "deny-all", "emailservice", "frontend",
            "loadgenerator", "paymentservice", "productcatalogservice", "recommendationservice", "redis",
            "shippingservice",
        ].map { "network-policy-\($0).yaml" }

    static let boutique = NetworkFixture(files: boutiqueFiles.map { "microservices-demo/" + $0 })

    @Test func boutiqueModel() {
        let f = Self.boutique
        #expect(f.model.endpoints.count == 12)
        #expect(f.model.policies.count == 13)
        #expect(f.model.policies.allSatisfy { $0.problems.isEmpty })
    }

    @Test func boutiqueFlows() {
        let f = Self.boutique
        #expect(f.allowed("default/frontend", "default/cartservice", 7070))
        #expect(f.allowed("default/checkoutservice", "default/cartservice", 7070))
        #expect(!f.allowed("default/loadgenerator", "default/cartservice", 7070))
        #expect(!f.allowed("default/frontend", "default/cartservice", 8080))
        #expect(f.allowed("default/cartservice", "default/redis-cart", 6379))
        #expect(!f.allowed("default/frontend", "default/redis-cart", 6379))
        #expect(f.allowed("default/loadgenerator", "default/frontend", 8080))
        #expect(f.allowed("203.0.113.5", "default/frontend", 8080))
        #expect(!f.allowed("203.0.113.5", "default/loadgenerator", 8080))  // deny-all still isolates its ingress
        #expect(f.allowed("default/redis-cart", "203.0.113.5", 443))  // egress: [{}]
    }

    @Test func boutiqueMatrixAndFindings() {
        let f = Self.boutique
        let matrix = NetworkMatrix(f.reachability, port: (7070, .tcp))
        let cart = matrix.names.firstIndex(of: "default/cartservice")!
        let allowedToCart = matrix.names.indices.filter { matrix.cells[$0][cart].allowed }.map { matrix.names[$0] }
        #expect(allowedToCart == ["default/checkoutservice", "default/frontend"])
        let findings = f.findings()
        let exposed = findings.filter { $0.ruleId == "NETPOL-REACHABLE-FROM-ANYWHERE" }.compactMap(\.object?.name)
        #expect(exposed == ["frontend"])
        #expect(!findings.contains { $0.ruleId == "NETPOL-NO-DEFAULT-DENY" })
        // Every workload's policies allow egress: [{}] (loadgenerator's too).
        #expect(findings.filter { $0.ruleId == "NETPOL-EGRESS-INTERNET" }.count == 12)
    }

    static let prometheus = NetworkFixture(
        netPod("prom", ns: "monitoring", labels: ["app.kubernetes.io/name": "prometheus"]),
        files: [
            "grafana-deployment.yaml", "grafana-networkPolicy.yaml", "kubeStateMetrics-deployment.yaml",
            "kubeStateMetrics-networkPolicy.yaml", "prometheus-networkPolicy.yaml", "prometheus-prometheus.yaml",
        ].map { "kube-prometheus/" + $0 })

    @Test func kubePrometheusFlows() {
        let f = Self.prometheus
        #expect(f.allowed("monitoring/prom", "monitoring/grafana", 3000))
        #expect(!f.allowed("monitoring/kube-state-metrics", "monitoring/grafana", 3000))
        #expect(f.allowed("monitoring/prom", "monitoring/kube-state-metrics", 8443))
        #expect(f.allowed("monitoring/prom", "monitoring/kube-state-metrics", 9443))
        #expect(!f.allowed("monitoring/grafana", "monitoring/kube-state-metrics", 8443))
        #expect(!f.allowed("198.51.100.1", "monitoring/grafana", 3000))
        #expect(f.allowed("monitoring/grafana", "198.51.100.1", 443))
    }

    @Test func kubePrometheusPolicyForOperatorManagedPodsSelectsNothing() {
        let f = Self.prometheus
        let nothing = f.findings().filter { $0.ruleId == "NETPOL-SELECTS-NOTHING" }
        #expect(nothing.compactMap(\.object?.name) == ["prometheus-k8s"])
        #expect(nothing.first?.location.path == "spec.podSelector")
        #expect(f.findings().contains { $0.ruleId == "NETPOL-NO-DEFAULT-DENY" && $0.message.contains("monitoring") })
    }
}
