import PalisadeCore
import PalisadeKube
import Testing

/// Which pods a policy isolates, and which peers its rules cover: each rule positive and negative.
@Suite struct NetworkSelectionTests {
    static let pods =
        netNamespace("prod", labels: ["env": "prod"]) + netNamespace("dev", labels: ["env": "dev"])
        + netPod("web", ns: "prod", labels: ["app": "web"]) + netPod("db", ns: "prod", labels: ["app": "db"])
        + netPod("client", ns: "prod", labels: ["role": "client"])
        + netPod("client", ns: "dev", labels: ["role": "client"]) + netPod("other", ns: "dev", labels: ["app": "other"])
        + netPod("loner", ns: "lonely", labels: ["role": "client"])

    @Test func podWithoutPoliciesIsOpenBothWays() {
        let f = NetworkFixture(Self.pods)
        #expect(f.allowed("dev/other", "prod/db", 5432))
        #expect(f.allowed("prod/db", "8.8.8.8", 443))
        #expect(f.allowed("8.8.8.8", "prod/db", 1))
        let d = f.decide("dev/other", "prod/db", 5432)
        #expect(!d.ingress.isolated && !d.egress.isolated)
    }

    @Test func emptyPodSelectorSelectsEveryPodOfItsNamespaceOnly() {
        let f = NetworkFixture(Self.pods + netPolicy("deny", ns: "prod", spec: "podSelector: {}"))
        #expect(!f.allowed("dev/other", "prod/db", 5432))
        #expect(!f.allowed("prod/web", "prod/db", 5432))
        #expect(f.allowed("prod/web", "dev/other", 80))  // dev is not isolated; prod egress not governed
    }

    @Test func podSelectorSelectsByLabels() {
        let f = NetworkFixture(
            Self.pods + netPolicy("db", ns: "prod", spec: "podSelector: {matchLabels: {app: db}}\ningress: []"))
        #expect(!f.allowed("prod/web", "prod/db", 5432))
        #expect(f.allowed("prod/db", "prod/web", 80))
    }

    @Test func podSelectorPeerAloneMeansThePolicysNamespace() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - podSelector: {matchLabels: {role: client}}"
                ))
        #expect(f.allowed("prod/client", "prod/db", 5432))
        #expect(!f.allowed("dev/client", "prod/db", 5432))  // same labels, other namespace
        #expect(!f.allowed("prod/web", "prod/db", 5432))
    }

    @Test func namespaceSelectorAloneMeansEveryPodOfMatchingNamespaces() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {env: dev}}"
                ))
        #expect(f.allowed("dev/other", "prod/db", 5432))
        #expect(f.allowed("dev/client", "prod/db", 5432))
        #expect(!f.allowed("prod/client", "prod/db", 5432))  // its own namespace is not env=dev
        #expect(!f.allowed("lonely/loner", "prod/db", 5432))
    }

    @Test func emptyPodSelectorPeerMeansEveryPodOfThePolicysNamespace() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec: "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - podSelector: {}"))
        #expect(f.allowed("prod/web", "prod/db", 1))
        #expect(f.allowed("prod/client", "prod/db", 1))
        #expect(!f.allowed("dev/client", "prod/db", 1))
        #expect(!f.allowed("8.8.8.8", "prod/db", 1))
    }

    @Test func nullSelectorsInAPeerCountAsAbsent() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - {namespaceSelector: {matchLabels: {env: dev}}, podSelector: null}"
                ))
        #expect(f.allowed("dev/other", "prod/db", 1))
        #expect(!f.allowed("prod/web", "prod/db", 1))
    }

    @Test func emptyNamespaceSelectorMeansAllNamespaces() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchLabels: {role: client}}"
                ))
        #expect(f.allowed("lonely/loner", "prod/db", 1))
        #expect(f.allowed("dev/client", "prod/db", 1))
        #expect(!f.allowed("dev/other", "prod/db", 1))
        #expect(!f.allowed("8.8.8.8", "prod/db", 1))  // selectors never match external addresses
    }

    @Test func bothSelectorsInOnePeerAreAnded() {
        let f = NetworkFixture(
            Self.pods
                + netPolicy(
                    "db", ns: "prod",
                    spec:
                        "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {env: dev}}\n    podSelector: {matchLabels: {role: client}}"
                ))
        #expect(f.allowed("dev/client", "prod/db", 1))
        #expect(!f.allowed("dev/other", "prod/db", 1))
        #expect(!f.allowed("prod/client", "prod/db", 1))
    }

    @Test func implicitNamespaceNameLabelIncludingNamespacesSeenOnlyThroughObjects() {
        let spec =
            "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: lonely}}"
        let f = NetworkFixture(Self.pods + netPolicy("db", ns: "prod", spec: spec))
        #expect(f.allowed("lonely/loner", "prod/db", 1))  // no Namespace object for "lonely"
        #expect(!f.allowed("dev/client", "prod/db", 1))
        #expect(f.model.labels(ofNamespace: "prod") == ["env": "prod", "kubernetes.io/metadata.name": "prod"])
    }

    @Test func matchExpressionsOperators() {
        func allowedFrom(_ expression: String) -> [Bool] {
            let spec =
                "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - namespaceSelector: {}\n    podSelector: {matchExpressions: [\(expression)]}"
            let f = NetworkFixture(Self.pods + netPolicy("db", ns: "prod", spec: spec))
            return ["prod/client", "dev/other", "prod/web"].map { f.allowed($0, "prod/db", 1) }
        }
        #expect(allowedFrom("{key: role, operator: In, values: [client]}") == [true, false, false])
        #expect(allowedFrom("{key: app, operator: NotIn, values: [web]}") == [true, true, false])
        #expect(allowedFrom("{key: app, operator: Exists}") == [false, true, true])
        #expect(allowedFrom("{key: app, operator: DoesNotExist}") == [true, false, false])
        #expect(
            allowedFrom("{key: app, operator: In, values: [web, other]}, {key: app, operator: NotIn, values: [web]}")
                == [false, true, false])
    }

    @Test func matchLabelsAndExpressionsMustAllHold() {
        let spec =
            "podSelector:\n  matchLabels: {app: db}\n  matchExpressions: [{key: tier, operator: Exists}]\ningress: []"
        let f = NetworkFixture(
            Self.pods + netPod("db2", ns: "prod", labels: ["app": "db", "tier": "data"])
                + netPolicy("p", ns: "prod", spec: spec))
        #expect(f.allowed("prod/web", "prod/db", 1))  // app=db but no tier: not selected
        #expect(!f.allowed("prod/web", "prod/db2", 1))
    }

    @Test func invalidOperatorIsAFindingAndMatchesNothing() {
        let spec =
            "podSelector: {matchLabels: {app: db}}\ningress:\n- from:\n  - podSelector: {matchExpressions: [{key: role, operator: Equals, values: [client]}]}\n  - podSelector: {matchLabels: {app: web}}"
        let f = NetworkFixture(Self.pods + netPolicy("db", ns: "prod", spec: spec))
        #expect(!f.allowed("prod/client", "prod/db", 1))
        #expect(f.allowed("prod/web", "prod/db", 1))  // the rest of the policy still counts
        let invalid = f.findings().filter { $0.ruleId == "NETPOL-INVALID" }
        #expect(invalid.count == 1)
        #expect(invalid.first?.message.contains("invalid operator \"Equals\"") == true)
        #expect(invalid.first?.location.path.hasSuffix("operator") == true)
    }

    @Test func valuesMustFitTheOperator() {
        let spec =
            "podSelector: {matchExpressions: [{key: a, operator: In, values: []}, {key: b, operator: Exists, values: [x]}]}"
        let f = NetworkFixture(Self.pods + netPolicy("p", ns: "prod", spec: spec))
        let messages = f.findings().filter { $0.ruleId == "NETPOL-INVALID" }.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("needs at least one value") })
        #expect(messages.contains { $0.contains("takes no values") })
        #expect(f.allowed("prod/web", "prod/db", 1))  // an invalid podSelector selects nothing
    }
}
