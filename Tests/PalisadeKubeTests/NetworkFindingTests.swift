import PalisadeCore
import PalisadeKube
import Testing

/// The NETPOL-* findings and the matrix's "any port" and internet cells.
@Suite struct NetworkFindingTests {
    static let pods =
        netPod("web", ns: "shop", labels: ["app": "web"], ports: ["{name: http, containerPort: 8080}"])
        + netPod("db", ns: "shop", labels: ["app": "db"], ports: ["{containerPort: 5432}"])

    static func messages(_ f: NetworkFixture, _ rule: String) -> [String] {
        f.findings().filter { $0.ruleId == rule }.map(\.message)
    }

    @Test func reachableFromEveryPodThroughAnEmptyNamespaceSelector() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "web", ns: "shop",
                    spec: "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}}]}]")
                + netPolicy(
                    "db", ns: "shop",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"
                ))
        let exposed = Self.messages(f, "NETPOL-REACHABLE-FROM-ANYWHERE")
        #expect(
            exposed == [
                "Pod shop/web accepts connections from every pod in every namespace (NetworkPolicy shop/web ingress[0])"
            ])
    }

    @Test func reachableFromTheInternetThroughAPublicBlock() {
        let spec =
            "podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}}]\n  ports: [{port: http}]"
        let f = NetworkFixture(
            Self.pods + netPolicy("web", ns: "shop", spec: spec)
                + netPolicy("db", ns: "shop", spec: "podSelector: {matchLabels: {app: db}}\ningress: []"))
        #expect(
            Self.messages(f, "NETPOL-REACHABLE-FROM-ANYWHERE") == [
                "Pod shop/web accepts connections from the internet (e.g. 1.0.0.0 on 8080/TCP)"
            ])
        let matrix = NetworkMatrix(f.reachability)
        let internet = matrix.names.count - 1
        let web = matrix.names.firstIndex(of: "shop/web")!
        #expect(matrix.cells[internet][web] == NetworkMatrix.Cell(allowed: true, port: 8080, proto: .tcp))
        #expect(!matrix.cells[internet][matrix.names.firstIndex(of: "shop/db")!].allowed)
    }

    @Test func privateBlocksAreNotTheInternet() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "out", ns: "shop",
                    spec:
                        "podSelector: {}\npolicyTypes: [Ingress, Egress]\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]"
                ))
        #expect(Self.messages(f, "NETPOL-REACHABLE-FROM-ANYWHERE").isEmpty)
        #expect(Self.messages(f, "NETPOL-EGRESS-INTERNET").isEmpty)
        #expect(Self.messages(f, "NETPOL-NO-DEFAULT-DENY").isEmpty)  // podSelector {} governs both directions
    }

    @Test func egressToTheInternet() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "web-out", ns: "shop",
                    spec:
                        "podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress: [{to: [{ipBlock: {cidr: \"::/0\"}}], ports: [{port: 443}]}]"
                ))
        let egress = Self.messages(f, "NETPOL-EGRESS-INTERNET")
        #expect(egress.count == 2)
        #expect(
            egress.contains(
                "Pod shop/web may connect to the internet (e.g. 2000:: on 443/TCP): its egress policies admit internet addresses"
            ))
        #expect(
            egress.contains {
                $0.hasPrefix(
                    "Pod shop/db may connect to the internet (e.g. 1.0.0.0 on any port): no egress NetworkPolicy selects it"
                )
            })
    }

    @Test func defaultDenyPerDirection() {
        let ingressOnly = NetworkFixture(Self.pods + netPolicy("deny", ns: "shop", spec: "podSelector: {}"))
        #expect(
            Self.messages(ingressOnly, "NETPOL-NO-DEFAULT-DENY") == [
                "namespace shop has no NetworkPolicy with podSelector: {} for egress: new workloads there are open until a policy selects them"
            ])
        let none = NetworkFixture(Self.pods)
        #expect(Self.messages(none, "NETPOL-NO-DEFAULT-DENY").first?.contains("for ingress and egress") == true)
    }

    @Test func policySelectingNothing() {
        let f = NetworkFixture(
            Self.pods + netPolicy("typo", ns: "shop", spec: "podSelector: {matchLabels: {app: wbe}}")
                + netPolicy("elsewhere", ns: "other", spec: "podSelector: {matchLabels: {app: web}}"))
        let nothing = f.findings().filter { $0.ruleId == "NETPOL-SELECTS-NOTHING" }
        #expect(nothing.compactMap(\.object?.name).sorted() == ["elsewhere", "typo"])
    }

    @Test func matrixWithoutPortFindsAnOpenPortExactly() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "shop",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{protocol: UDP, port: 6000, endPort: 6010}]}]"
                ))
        let matrix = NetworkMatrix(f.reachability)
        let web = matrix.names.firstIndex(of: "shop/web")!
        let db = matrix.names.firstIndex(of: "shop/db")!
        #expect(matrix.cells[web][db] == NetworkMatrix.Cell(allowed: true, port: 6000, proto: .udp))
        #expect(!matrix.cells[db][db].allowed)
        #expect(matrix.cells[db][web].allowed)
        let fixed = NetworkMatrix(f.reachability, port: (5432, .tcp))
        #expect(!fixed.cells[web][db].allowed)
    }
}
