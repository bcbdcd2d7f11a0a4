import PalisadeCore
import PalisadeKube
import Testing

/// Rules, peers, ports and directions: each semantic rule positive and negative.
@Suite struct NetworkRuleTests {
    static let pods =
        netPod(
            "web", labels: ["app": "web"],
            ports: ["{name: http, containerPort: 8080}", "{name: dns, containerPort: 53, protocol: UDP}"])
        + netPod("api", labels: ["app": "api"], ports: ["{name: http, containerPort: 9000}"])
        + netPod("client", labels: ["role": "client"], ip: "10.1.2.3")
        + netPod("noip", labels: ["role": "client2"])

    static func with(_ spec: String, name: String = "p") -> NetworkFixture {
        NetworkFixture(pods + netPolicy(name, spec: spec))
    }

    @Test func ipBlockWithExceptForExternalAddresses() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}"
        )
        #expect(f.allowed("172.17.0.9", "default/web", 80))
        #expect(f.allowed("172.17.200.1", "default/web", 80))
        #expect(!f.allowed("172.17.1.9", "default/web", 80))
        #expect(!f.allowed("172.18.0.1", "default/web", 80))
    }

    @Test func ipBlockMatchesPodsByPodIPOnly() {
        let f = Self.with("podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: {cidr: 10.1.0.0/16}")
        #expect(f.allowed("default/client", "default/web", 80))  // status.podIP 10.1.2.3
        #expect(!f.allowed("default/noip", "default/web", 80))  // no podIP: cannot be placed in a block
        let egress = Self.with(
            "podSelector: {matchLabels: {app: web}}\negress:\n- to:\n  - ipBlock: {cidr: 10.1.2.3/32}")
        #expect(egress.allowed("default/web", "default/client", 80))
        #expect(!egress.allowed("default/web", "default/noip", 80))
    }

    @Test func ipv6Blocks() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: {cidr: \"2001:db8::/32\", except: [\"2001:db8:1::/48\"]}"
        )
        #expect(f.allowed("2001:db8:2::5", "default/web", 80))
        #expect(!f.allowed("2001:db8:1::5", "default/web", 80))
        #expect(!f.allowed("10.0.0.1", "default/web", 80))
    }

    @Test func invalidCIDRIsAFindingAndTheRestStillCounts() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - ipBlock: {cidr: 10.0.0.0/33}\n  - ipBlock: {cidr: 192.168.0.0/16, except: [10.0.0.0/8, nonsense]}"
        )
        #expect(!f.allowed("10.0.0.1", "default/web", 80))
        #expect(f.allowed("192.168.1.1", "default/web", 80))
        let messages = f.findings().filter { $0.ruleId == "NETPOL-INVALID" }.map(\.message)
        #expect(messages.count == 3)
        #expect(messages.contains("ipBlock cidr \"10.0.0.0/33\" is not a valid CIDR"))
        #expect(messages.contains("ipBlock except 10.0.0.0/8 is not strictly inside cidr 192.168.0.0/16"))
        #expect(messages.contains("ipBlock except \"nonsense\" is not a valid CIDR"))
    }

    @Test func numericPortsAndDefaultProtocol() {
        let f = Self.with("podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{port: 8080}]")
        #expect(f.allowed("default/api", "default/web", 8080))
        #expect(!f.allowed("default/api", "default/web", 8081))
        #expect(!f.allowed("default/api", "default/web", 8080, .udp))  // protocol defaults to TCP
    }

    @Test func explicitProtocolsAndPortlessEntries() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{protocol: UDP, port: 53}, {protocol: SCTP}]")
        #expect(f.allowed("default/api", "default/web", 53, .udp))
        #expect(!f.allowed("default/api", "default/web", 53, .tcp))
        #expect(f.allowed("default/api", "default/web", 7777, .sctp))  // no port: every SCTP port
        #expect(!f.allowed("default/api", "default/web", 7777, .tcp))
    }

    @Test func endPortRanges() {
        let f = Self.with("podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{port: 32000, endPort: 32768}]")
        #expect(f.allowed("default/api", "default/web", 32000))
        #expect(f.allowed("default/api", "default/web", 32768))
        #expect(!f.allowed("default/api", "default/web", 31999))
        #expect(!f.allowed("default/api", "default/web", 32769))
        let bad = Self.with("podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{port: 100, endPort: 50}]")
        #expect(!bad.allowed("default/api", "default/web", 100))
        #expect(bad.findings().contains { $0.ruleId == "NETPOL-INVALID" && $0.message.contains("endPort") })
    }

    @Test func namedIngressPortsResolveAgainstTheSelectedPod() {
        let f = Self.with("podSelector: {}\ningress:\n- ports: [{port: http}, {port: dns, protocol: UDP}]")
        #expect(f.allowed("default/api", "default/web", 8080))  // web's "http" is 8080
        #expect(!f.allowed("default/api", "default/web", 9000))
        #expect(f.allowed("default/web", "default/api", 9000))  // api's "http" is 9000
        #expect(f.allowed("default/api", "default/web", 53, .udp))
        #expect(!f.allowed("default/api", "default/web", 53, .tcp))  // the dns port is UDP
        #expect(!f.allowed("default/api", "default/client", 8080))  // client declares no ports
    }

    @Test func namedEgressPortsResolveAgainstThePeerPod() {
        let f = Self.with("podSelector: {matchLabels: {app: api}}\negress:\n- ports: [{port: http}]")
        #expect(f.allowed("default/api", "default/web", 8080))  // the peer's "http", not api's own 9000
        #expect(!f.allowed("default/api", "default/web", 9000))
        #expect(!f.allowed("default/api", "8.8.8.8", 8080))  // nothing to resolve a name against
    }

    @Test func missingOrEmptyPeerListsAdmitEveryone() {
        for from in ["", "\n  from: []"] {
            let f = Self.with("podSelector: {matchLabels: {app: web}}\ningress:\n- ports: [{port: 8080}]" + from)
            #expect(f.allowed("default/api", "default/web", 8080))
            #expect(f.allowed("8.8.8.8", "default/web", 8080))
        }
    }

    @Test func emptyRuleListDeniesButEmptyRuleAllows() {
        let none = Self.with("podSelector: {matchLabels: {app: web}}\ningress: []")
        #expect(!none.allowed("default/api", "default/web", 80))
        let all = Self.with("podSelector: {matchLabels: {app: web}}\ningress: [{}]")
        #expect(all.allowed("default/api", "default/web", 80))
        #expect(all.allowed("203.0.113.7", "default/web", 65535, .sctp))
    }

    @Test func policyTypesDefaults() {
        // Only ingress rules: Ingress only, egress of the pod stays open.
        let ingressOnly = Self.with("podSelector: {matchLabels: {app: web}}\ningress: []")
        #expect(ingressOnly.allowed("default/web", "8.8.8.8", 443))
        // Egress rules without policyTypes: both directions (Ingress always).
        let both = Self.with("podSelector: {matchLabels: {app: web}}\negress: [{ports: [{port: 53, protocol: UDP}]}]")
        #expect(both.allowed("default/web", "8.8.8.8", 53, .udp))
        #expect(!both.allowed("default/web", "8.8.8.8", 443))
        #expect(!both.allowed("default/api", "default/web", 80))  // ingress isolated, no ingress rules
        // `egress: []` does not add Egress.
        let emptyEgress = Self.with("podSelector: {matchLabels: {app: web}}\negress: []")
        #expect(emptyEgress.allowed("default/web", "8.8.8.8", 443))
        // policyTypes [Egress]: ingress rules are ignored and ingress is not isolated.
        let egressOnly = Self.with("podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\ningress: []")
        #expect(egressOnly.allowed("default/api", "default/web", 80))
        #expect(!egressOnly.allowed("default/web", "default/api", 80))
    }

    @Test func bothDirectionsMustAllow() {
        let egressDenied = NetworkFixture(
            Self.pods + netPolicy("api-out", spec: "podSelector: {matchLabels: {app: api}}\npolicyTypes: [Egress]")
                + netPolicy("web-in", spec: "podSelector: {matchLabels: {app: web}}\ningress: [{}]"))
        let d = egressDenied.decide("default/api", "default/web", 8080)
        #expect(!d.allowed && !d.egress.allowed && d.ingress.allowed)
        let ingressDenied = NetworkFixture(
            Self.pods
                + netPolicy(
                    "api-out", spec: "podSelector: {matchLabels: {app: api}}\negress: [{}]\npolicyTypes: [Egress]")
                + netPolicy("web-in", spec: "podSelector: {matchLabels: {app: web}}\ningress: []"))
        let e = ingressDenied.decide("default/api", "default/web", 8080)
        #expect(!e.allowed && e.egress.allowed && !e.ingress.allowed)
    }

    @Test func policiesAreAdditive() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "a",
                    spec:
                        "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]"
                )
                + netPolicy(
                    "b", spec: "podSelector: {}\ningress: [{from: [{podSelector: {matchLabels: {role: client}}}]}]"))
        #expect(f.allowed("default/api", "default/web", 1))
        #expect(f.allowed("default/client", "default/web", 1))
        #expect(!f.allowed("default/noip", "default/web", 1))
        #expect(f.decide("default/client", "default/web", 1).ingress.selectingPolicies.count == 2)
    }

    @Test func invalidPeersAndPortsAreFindings() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - {}\n  - ipBlock: {cidr: 10.0.0.0/8}\n    podSelector: {}\n  ports: [{port: 0}, {protocol: ICMP, port: 1}]"
        )
        let messages = f.findings().filter { $0.ruleId == "NETPOL-INVALID" }.map(\.message)
        #expect(messages.count == 4)
        #expect(!f.allowed("default/api", "default/web", 1))
    }

    @Test func explanationNamesPoliciesRulesAndLines() {
        let f = Self.with(
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from:\n  - podSelector: {matchLabels: {app: api}}\n  ports: [{port: http}]"
        )
        let yes = f.reachability.explain(f.decide("default/api", "default/web", 8080))
        #expect(yes[0] == "yes: default/api -> default/web on 8080/TCP")
        #expect(yes.contains("egress from default/api: allowed (no NetworkPolicy with Egress selects it)"))
        #expect(yes.contains("ingress to default/web: allowed"))
        #expect(yes.contains { $0.hasPrefix("  selected by NetworkPolicy default/p (inline.yaml:") })
        #expect(yes.contains { $0.hasPrefix("  allowed by NetworkPolicy default/p ingress[0].from[0] (inline.yaml:") })
        let no = f.reachability.explain(f.decide("default/client", "default/web", 8080))
        #expect(no[0] == "no: default/client -> default/web on 8080/TCP")
        #expect(no.contains("  no ingress rule of these policies admits it"))
        let external = f.reachability.explain(f.decide("default/web", "1.1.1.1", 80))
        #expect(external.contains("ingress to 1.1.1.1: allowed (outside the cluster: no NetworkPolicy applies)"))
    }
}
