import PalisadeCore
import PalisadeKube
import Testing

/// The NetworkPolicy examples of the Kubernetes documentation (Tests/Fixtures/netpol/k8s-docs),
/// with the outcomes the concept page describes.
@Suite struct NetworkDocsExampleTests {
    static let pods =
        netNamespace("default") + netNamespace("myproject-ns", labels: ["project": "myproject"])
        + netNamespace("alice-ns", labels: ["user": "alice"])
        + netPod("db", labels: ["role": "db"]) + netPod("frontend", labels: ["role": "frontend"])
        + netPod("backend", labels: ["role": "backend"])
        + netPod("anything", ns: "myproject-ns", labels: ["role": "whatever"])
        + netPod("client", ns: "alice-ns", labels: ["role": "client"])
        + netPod("other", ns: "alice-ns", labels: ["role": "other"])
        + netPod("client", labels: ["role": "client"])

    @Test func testNetworkPolicyIngress() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/networkpolicy.yaml"])
        // "allows connections to TCP port 6379 of role=db pods from: any pod in default with
        // role=frontend, any pod in a namespace labelled project=myproject, and 172.17.0.0–
        // 172.17.0.255 and 172.17.2.0–172.17.255.255 (172.17.0.0/16 except 172.17.1.0/24)".
        #expect(f.allowed("default/frontend", "default/db", 6379))
        #expect(!f.allowed("default/frontend", "default/db", 6380))
        #expect(f.allowed("myproject-ns/anything", "default/db", 6379))
        #expect(!f.allowed("default/backend", "default/db", 6379))
        #expect(f.allowed("172.17.0.255", "default/db", 6379))
        #expect(f.allowed("172.17.2.0", "default/db", 6379))
        #expect(!f.allowed("172.17.1.1", "default/db", 6379))
        #expect(!f.allowed("172.16.0.1", "default/db", 6379))
    }

    @Test func testNetworkPolicyEgress() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/networkpolicy.yaml"])
        // "allows connections from role=db pods to CIDR 10.0.0.0/24 on TCP port 5978".
        #expect(f.allowed("default/db", "10.0.0.7", 5978))
        #expect(!f.allowed("default/db", "10.0.1.7", 5978))
        #expect(!f.allowed("default/db", "10.0.0.7", 5979))
        #expect(!f.allowed("default/db", "default/frontend", 80))  // no podIPs: the block cannot match pods
        #expect(f.allowed("default/frontend", "10.9.9.9", 80))  // other pods are not isolated
    }

    @Test func endPortExample() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/networkpolicy-multiport-egress.yaml"])
        #expect(f.allowed("default/db", "10.0.0.1", 32000))
        #expect(f.allowed("default/db", "10.0.0.1", 32768))
        #expect(!f.allowed("default/db", "10.0.0.1", 32769))
        #expect(!f.allowed("default/db", "10.0.0.1", 32000, .udp))
        #expect(f.allowed("default/frontend", "default/db", 1))  // Egress-only: ingress of db stays open
    }

    @Test func defaultDenyIngress() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/network-policy-default-deny-ingress.yaml"])
        #expect(!f.allowed("default/frontend", "default/db", 80))
        #expect(!f.allowed("8.8.8.8", "default/db", 80))
        #expect(f.allowed("default/db", "8.8.8.8", 80))  // egress untouched
        #expect(f.allowed("default/db", "alice-ns/client", 80))  // other namespaces untouched
    }

    @Test func defaultDenyEgress() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/network-policy-default-deny-egress.yaml"])
        #expect(!f.allowed("default/db", "8.8.8.8", 53, .udp))
        #expect(!f.allowed("default/db", "alice-ns/client", 80))
        #expect(f.allowed("alice-ns/client", "default/db", 80))
    }

    @Test func defaultDenyAll() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/network-policy-default-deny-all.yaml"])
        #expect(!f.allowed("default/frontend", "default/db", 80))
        #expect(!f.allowed("default/db", "8.8.8.8", 443))
        #expect(!f.allowed("alice-ns/client", "default/db", 80))
        #expect(f.allowed("alice-ns/client", "alice-ns/other", 80))
        #expect(!f.findings().contains { $0.ruleId == "NETPOL-NO-DEFAULT-DENY" && $0.message.contains(" default ") })
    }

    @Test func allowAllOverridesDenyAll() {
        let f = NetworkFixture(
            Self.pods,
            files: ["k8s-docs/network-policy-default-deny-all.yaml", "k8s-docs/network-policy-allow-all-ingress.yaml"])
        #expect(f.allowed("alice-ns/client", "default/db", 80))
        #expect(f.allowed("8.8.8.8", "default/db", 80))
        #expect(!f.allowed("default/db", "8.8.8.8", 80))
        let g = NetworkFixture(
            Self.pods,
            files: ["k8s-docs/network-policy-default-deny-all.yaml", "k8s-docs/network-policy-allow-all-egress.yaml"])
        #expect(g.allowed("default/db", "8.8.8.8", 80))
        #expect(!g.allowed("8.8.8.8", "default/db", 80))
    }

    @Test func namespaceAndPodSelectorInOnePeerIsAnd() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/selector-and.yaml"])
        #expect(f.allowed("alice-ns/client", "default/db", 80))
        #expect(!f.allowed("alice-ns/other", "default/db", 80))
        #expect(!f.allowed("default/client", "default/db", 80))
    }

    @Test func separatePeersAreOr() {
        let f = NetworkFixture(Self.pods, files: ["k8s-docs/selector-or.yaml"])
        #expect(f.allowed("alice-ns/client", "default/db", 80))
        #expect(f.allowed("alice-ns/other", "default/db", 80))
        #expect(f.allowed("default/client", "default/db", 80))
        #expect(!f.allowed("default/frontend", "default/db", 80))
    }
}
