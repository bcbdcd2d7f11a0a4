import PalisadeCore
import PalisadeKube
import Testing

private func service(_ spec: String, annotations: String = "") -> String {
    let meta = annotations.isEmpty ? "" : "\n  annotations:\n" + annotations
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: web\(meta)
        spec:
          selector: {app: web}
          ports:
          - port: 80
        \(spec)
        """
}

private func ingress(_ spec: String) -> String {
    """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: web
    spec:
    \(spec)
    """
}

private func policy(_ spec: String) -> String {
    """
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: np
    spec:
    \(spec)
    """
}

private let oneRule = "  rules:\n  - host: shop.example.com\n    http: {paths: [{path: /, pathType: Prefix}]}"

@Suite("Exposure object rules")
struct ExposureObjectRuleTests {
    static let cases: [RoleCase] = [
        RoleCase("K8S-NET-LOADBALANCER", 1, "open load balancer", service("  type: LoadBalancer")),
        RoleCase(
            "K8S-NET-LOADBALANCER", 1, "0.0.0.0/0 source range",
            service("  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]")),
        RoleCase(
            "K8S-NET-LOADBALANCER", 1, "open source-ranges annotation",
            service(
                "  type: LoadBalancer",
                annotations: "    service.beta.kubernetes.io/load-balancer-source-ranges: \"0.0.0.0/0\"")),
        RoleCase(
            "K8S-NET-LOADBALANCER", 0, "restricted source ranges",
            service("  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]")),
        RoleCase(
            "K8S-NET-LOADBALANCER", 0, "restricted by annotation",
            service(
                "  type: LoadBalancer",
                annotations: "    service.beta.kubernetes.io/load-balancer-source-ranges: \"203.0.113.0/24\"")),
        RoleCase(
            "K8S-NET-LOADBALANCER", 0, "internal load balancer",
            service("  type: LoadBalancer", annotations: "    networking.gke.io/load-balancer-type: Internal")),
        RoleCase("K8S-NET-LOADBALANCER", 0, "ClusterIP", service("  type: ClusterIP")),
        RoleCase("K8S-NET-NODEPORT", 1, "NodePort", service("  type: NodePort")),
        RoleCase("K8S-NET-NODEPORT", 0, "ClusterIP", service("  type: ClusterIP")),
        RoleCase("K8S-NET-NODEPORT", 0, "LoadBalancer is another rule", service("  type: LoadBalancer")),
        RoleCase("K8S-NET-EXTERNAL-IPS", 1, "externalIPs", service("  externalIPs: [198.51.100.7]")),
        RoleCase("K8S-NET-EXTERNAL-IPS", 0, "empty externalIPs", service("  externalIPs: []")),
        RoleCase("K8S-NET-EXTERNAL-IPS", 0, "no externalIPs", service("  type: ClusterIP")),
        RoleCase("K8S-NET-INGRESS-NO-TLS", 1, "no tls", ingress(oneRule)),
        RoleCase(
            "K8S-NET-INGRESS-NO-TLS", 1, "host not covered",
            ingress(oneRule + "\n  - host: admin.example.com\n  tls:\n  - hosts: [shop.example.com]\n    secretName: s")
        ),
        RoleCase(
            "K8S-NET-INGRESS-NO-TLS", 0, "covered host",
            ingress(oneRule + "\n  tls:\n  - hosts: [shop.example.com]\n    secretName: s")),
        RoleCase(
            "K8S-NET-INGRESS-NO-TLS", 0, "covered by a wildcard certificate",
            ingress(oneRule + "\n  tls:\n  - hosts: [\"*.example.com\"]\n    secretName: s")),
        RoleCase(
            "K8S-NET-INGRESS-WILDCARD-HOST", 1, "wildcard host",
            ingress("  rules:\n  - host: \"*.example.com\"\n  tls:\n  - hosts: [\"*.example.com\"]")),
        RoleCase("K8S-NET-INGRESS-WILDCARD-HOST", 0, "exact host", ingress(oneRule)),
        RoleCase("K8S-NET-ALLOW-ALL-INGRESS", 1, "ingress: [{}]", policy("  podSelector: {}\n  ingress:\n  - {}")),
        RoleCase(
            "K8S-NET-ALLOW-ALL-INGRESS", 1, "empty from list",
            policy("  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - from: []")),
        RoleCase("K8S-NET-ALLOW-ALL-INGRESS", 0, "default deny", policy("  podSelector: {}\n  policyTypes: [Ingress]")),
        RoleCase(
            "K8S-NET-ALLOW-ALL-INGRESS", 0, "sources listed",
            policy("  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {app: web}}")),
        RoleCase(
            "K8S-NET-ALLOW-ALL-INGRESS", 0, "ports listed",
            policy("  podSelector: {}\n  ingress:\n  - ports: [{port: 443}]")),
        RoleCase(
            "K8S-NET-ALLOW-ALL-INGRESS", 0, "egress-only policy",
            policy("  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n  - {}")),
    ]

    @Test(arguments: cases)
    func ruleFiresOnlyWhenExpected(_ c: RoleCase) {
        let findings = RBACTestSupport.scan(c.yaml, rules: [c.rule])
        #expect(findings.count == c.count, "\(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.ruleId == c.rule })
    }

    @Test func loadBalancerFindingPointsAtType() throws {
        let f = try #require(
            RBACTestSupport.scan(service("  type: LoadBalancer"), rules: ["K8S-NET-LOADBALANCER"]).first)
        #expect(f.location.path == "spec.type")
        #expect(f.location.line == 9)
        #expect(f.location.column == 3)
        #expect(f.message.contains("no loadBalancerSourceRanges"))
        #expect(f.severity == .medium)
    }

    @Test func ingressWithoutTLSReportsMissingField() throws {
        let f = try #require(RBACTestSupport.scan(ingress(oneRule), rules: ["K8S-NET-INGRESS-NO-TLS"]).first)
        #expect(f.location.path == "spec.tls")
        #expect(f.location.line == 5)
        #expect(f.message == "Ingress \"web\" has no tls section: host(s) shop.example.com served over plain HTTP")
    }

    @Test func uncoveredHostPointsAtItsRule() throws {
        let yaml = ingress(oneRule + "\n  - host: admin.example.com\n  tls:\n  - hosts: [shop.example.com]")
        let f = try #require(RBACTestSupport.scan(yaml, rules: ["K8S-NET-INGRESS-NO-TLS"]).first)
        #expect(f.location.path == "spec.rules[1].host")
        #expect(f.location.line == 9)
        #expect(f.location.column == 5)
    }

    @Test func wildcardCertificateCoversOneLabelOnly() {
        #expect(IngressHostMatchProbe.matches("*.example.com", "a.example.com"))
        #expect(!IngressHostMatchProbe.matches("*.example.com", "a.b.example.com"))
        #expect(!IngressHostMatchProbe.matches("*.example.com", "example.com"))
    }

    @Test func everyRuleHasCompleteMetadata() {
        let rules = (ExposureRules.objectRules.map(\.metadata) + ExposureRules.crossObjectRules.map(\.metadata))
        #expect(Set(rules.map(\.id)).count == rules.count)
        for m in rules {
            #expect(m.id.hasPrefix("K8S-NET-"))
            #expect(m.category == "Exposure and isolation")
            #expect(!m.why.isEmpty && !m.remediation.isEmpty && !m.references.isEmpty)
        }
    }
}

/// The wildcard-certificate rule seen through scans, since the matcher itself is internal.
private enum IngressHostMatchProbe {
    static func matches(_ pattern: String, _ host: String) -> Bool {
        let yaml = ingress(
            "  rules:\n  - host: \"\(host)\"\n  tls:\n  - hosts: [\"\(pattern)\"]")
        return RBACTestSupport.scan(yaml, rules: ["K8S-NET-INGRESS-NO-TLS"]).isEmpty
    }
}
