import PalisadeCore
import Testing

@testable import PalisadeKube

private typealias H = HygieneHarness

private let missing = "K8S-NS-PSA-MISSING"
private let privileged = "K8S-NS-PSA-PRIVILEGED"
private let invalid = "K8S-NS-PSA-INVALID"
private let enforce = "pod-security.kubernetes.io/enforce"

private let namespaceCases: [HygieneCase] = [
    hygieneFires(missing, "no labels", H.namespace()),
    hygieneFires(missing, "unrelated labels", H.namespace(labels: [("team", "a")])),
    hygieneFires(
        missing, "only warn and audit",
        H.namespace(labels: [
            ("pod-security.kubernetes.io/warn", "restricted"), ("pod-security.kubernetes.io/audit", "restricted"),
        ])),
    hygieneFires(
        missing, "only enforce-version", H.namespace(labels: [("pod-security.kubernetes.io/enforce-version", "latest")])
    ),
    hygieneFires(missing, "default namespace", H.namespace("default")),
    hygieneFires(missing, "no metadata at all", "apiVersion: v1\nkind: Namespace\n"),
    hygieneSilent(missing, "restricted", H.namespace(labels: [(enforce, "restricted")])),
    hygieneSilent(missing, "baseline", H.namespace(labels: [(enforce, "baseline")])),
    hygieneSilent(missing, "privileged is reported by another rule", H.namespace(labels: [(enforce, "privileged")])),
    hygieneSilent(missing, "invalid is reported by another rule", H.namespace(labels: [(enforce, "Restricted")])),
    hygieneSilent(missing, "kube-system", H.namespace("kube-system")),
    hygieneSilent(missing, "kube-public", H.namespace("kube-public")),
    hygieneSilent(missing, "kube-node-lease", H.namespace("kube-node-lease")),
    hygieneSilent(missing, "not a Namespace", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-a\n"),

    hygieneFires(privileged, "privileged", H.namespace(labels: [(enforce, "privileged")])),
    hygieneFires(privileged, "quoted privileged", H.namespace(labels: [(enforce, "\"privileged\"")])),
    hygieneFires(privileged, "kube-system too", H.namespace("kube-system", labels: [(enforce, "privileged")])),
    hygieneSilent(privileged, "baseline", H.namespace(labels: [(enforce, "baseline")])),
    hygieneSilent(
        privileged, "warn privileged", H.namespace(labels: [("pod-security.kubernetes.io/warn", "privileged")])),
    hygieneSilent(privileged, "no labels", H.namespace()),

    hygieneFires(invalid, "capitalised level", H.namespace(labels: [(enforce, "Restricted")])),
    hygieneFires(invalid, "unknown level", H.namespace(labels: [(enforce, "strict")])),
    hygieneFires(invalid, "empty level", H.namespace(labels: [(enforce, "\"\"")])),
    hygieneFires(invalid, "null level", H.namespace(labels: [(enforce, "null")])),
    hygieneFires(invalid, "invalid audit level", H.namespace(labels: [("pod-security.kubernetes.io/audit", "base")])),
    hygieneFires(
        invalid, "version with patch", H.namespace(labels: [("pod-security.kubernetes.io/enforce-version", "v1.30.0")])),
    hygieneFires(
        invalid, "version without v", H.namespace(labels: [("pod-security.kubernetes.io/warn-version", "\"1.30\"")])),
    hygieneFires(
        invalid, "version 2.x", H.namespace(labels: [("pod-security.kubernetes.io/audit-version", "v2.0")])),
    hygieneFires(
        invalid, "two bad labels",
        H.namespace(labels: [(enforce, "Baseline"), ("pod-security.kubernetes.io/enforce-version", "Latest")]), count: 2
    ),
    hygieneSilent(
        invalid, "all valid",
        H.namespace(labels: [
            (enforce, "restricted"), ("pod-security.kubernetes.io/enforce-version", "latest"),
            ("pod-security.kubernetes.io/audit", "baseline"), ("pod-security.kubernetes.io/audit-version", "v1.30"),
            ("pod-security.kubernetes.io/warn", "privileged"), ("pod-security.kubernetes.io/warn-version", "v1.0"),
        ])),
    hygieneSilent(
        invalid, "other pod-security labels are ignored",
        H.namespace(labels: [("pod-security.kubernetes.io/exempt", "x")])),
    hygieneSilent(invalid, "no labels", H.namespace()),
    hygieneSilent(
        invalid, "labels on a ConfigMap",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    \(enforce): strict\n"),
]

@Test(arguments: namespaceCases) func objectHygieneNamespaces(_ c: HygieneCase) { c.run() }

@Test func missingLabelLocations() throws {
    let noLabels = try #require(H.scan(H.namespace("team-a"), rules: [missing]).first)
    #expect(noLabels.severity == .low)
    #expect(noLabels.message == "Namespace \"team-a\" has no pod-security.kubernetes.io/enforce label")
    #expect(noLabels.location.path == "metadata.labels[pod-security.kubernetes.io/enforce]")
    #expect(noLabels.location.line == 3)
    #expect(noLabels.location.column == 1)

    let warnOnly = H.namespace("team-b", labels: [("pod-security.kubernetes.io/warn", "restricted")])
    let labelled = try #require(H.scan(warnOnly, rules: [missing]).first)
    #expect(labelled.message.hasSuffix("label (it only warns or audits)"))
    #expect(labelled.location.path == "metadata.labels[pod-security.kubernetes.io/enforce]")
    #expect(labelled.location.line == 5)
    #expect(labelled.location.column == 3)

    let bare = try #require(H.scan("apiVersion: v1\nkind: Namespace\n", rules: [missing]).first)
    #expect(bare.location.path == "metadata.labels[pod-security.kubernetes.io/enforce]")
}

@Test func privilegedAndInvalidMessages() throws {
    let p = try #require(H.scan(H.namespace("infra", labels: [(enforce, "privileged")]), rules: [privileged]).first)
    #expect(p.severity == .medium)
    #expect(p.message == "Namespace \"infra\" sets pod-security.kubernetes.io/enforce: privileged")
    #expect(p.location.path == "metadata.labels[pod-security.kubernetes.io/enforce]")
    #expect(p.location.line == 6)
    #expect(p.location.column == 5)

    let i = try #require(H.scan(H.namespace("x", labels: [(enforce, "Restricted")]), rules: [invalid]).first)
    #expect(
        i.message
            == "Namespace \"x\" sets pod-security.kubernetes.io/enforce to \"Restricted\", not a Pod Security level (privileged, baseline or restricted)"
    )
    #expect(i.location.line == 6)
}

@Test(arguments: [
    ("latest", true), ("v1.0", true), ("v1.30", true), ("v1.123", true), ("v1.", false), ("v1.01", false),
    ("1.30", false), ("v1.30.1", false), ("v2.1", false), ("Latest", false), ("", false), ("v1.-1", false),
])
func podSecurityVersions(_ text: String, _ valid: Bool) {
    #expect(PodSecurityLabels.isValidVersion(text) == valid, "\(text)")
}
