import PalisadeCore
import PalisadeKube
import Testing

private func deployment(_ name: String, namespace: String?, app: String) -> String {
    let ns = namespace.map { "\n  namespace: \($0)" } ?? ""
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)\(ns)
        spec:
          selector: {matchLabels: {app: \(app)}}
          template:
            metadata:
              labels: {app: \(app)}
            spec:
              containers:
              - name: c
                image: nginx:1.27
        """
}

private func networkPolicy(namespace: String?, selector: String = "{}", types: String = "[Ingress]") -> String {
    let ns = namespace.map { "\n  namespace: \($0)" } ?? ""
    return """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny\(ns)
        spec:
          podSelector: \(selector)
          policyTypes: \(types)
        """
}

private func stream(_ docs: String...) -> String { docs.joined(separator: "\n---\n") }

@Suite("Namespace isolation (cross-object)")
struct ExposureNamespaceIsolationTests {
    static let ingressRule = "K8S-NET-NO-INGRESS-POLICY"
    static let egressRule = "K8S-NET-NO-EGRESS-POLICY"

    @Test func defaultDenyProtectsItsNamespaceOnly() throws {
        let yaml = stream(
            deployment("api", namespace: "prod", app: "api"),
            networkPolicy(namespace: "prod"),
            deployment("web", namespace: "shop", app: "web"),
            deployment("cart", namespace: "shop", app: "cart"),
            networkPolicy(namespace: "other"))
        let findings = RBACTestSupport.scan(yaml, rules: [Self.ingressRule])
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.ruleId == Self.ingressRule)
        #expect(f.object?.name == "web")
        #expect(f.object?.namespace == "shop")
        #expect(f.location.file == "t.yaml")
        #expect(f.location.line == 25)
        #expect(f.location.column == 1)
        #expect(
            f.message
                == "namespace \"shop\" has 2 workloads that no ingress NetworkPolicy selects "
                + "(Deployment/web, Deployment/cart): no default deny, any pod can connect")
        #expect(f.remediation.contains("podSelector: {}"))
    }

    @Test func absentNamespaceMeansDefault() {
        let covered = stream(deployment("a", namespace: nil, app: "a"), networkPolicy(namespace: "default"))
        #expect(RBACTestSupport.scan(covered, rules: [Self.ingressRule]).isEmpty)
        let uncovered = stream(deployment("a", namespace: nil, app: "a"), networkPolicy(namespace: "x"))
        #expect(RBACTestSupport.scan(uncovered, rules: [Self.ingressRule]).map(\.object?.name) == ["a"])
    }

    @Test func policyMustSelectTheWorkloadAndCoverIngress() {
        let partial = stream(
            deployment("a", namespace: "n", app: "a"), deployment("b", namespace: "n", app: "b"),
            networkPolicy(namespace: "n", selector: "{matchLabels: {app: a}}"))
        let findings = RBACTestSupport.scan(partial, rules: [Self.ingressRule])
        #expect(findings.map(\.object?.name) == ["b"])
        #expect(findings.first?.message.contains("has 1 workload that") == true)

        let egressOnly = stream(
            deployment("a", namespace: "n", app: "a"), networkPolicy(namespace: "n", types: "[Egress]"))
        #expect(RBACTestSupport.scan(egressOnly, rules: [Self.ingressRule]).count == 1)
    }

    @Test func namespacesWithoutWorkloadsAreNotReported() {
        let yaml = stream(networkPolicy(namespace: "n"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}")
        #expect(RBACTestSupport.scan(yaml, rules: [Self.ingressRule, Self.egressRule]).isEmpty)
    }

    @Test func egressPolicyRule() {
        let without = stream(
            deployment("a", namespace: "n", app: "a"), deployment("b", namespace: "n", app: "b"),
            networkPolicy(namespace: "n"))
        let findings = RBACTestSupport.scan(without, rules: [Self.egressRule])
        #expect(findings.map(\.ruleId) == [Self.egressRule])
        #expect(findings.first?.object?.name == "a")

        let with = stream(
            deployment("a", namespace: "n", app: "a"), networkPolicy(namespace: "n", types: "[Ingress, Egress]"))
        #expect(RBACTestSupport.scan(with, rules: [Self.egressRule]).isEmpty)

        let elsewhere = stream(
            deployment("a", namespace: "n", app: "a"), networkPolicy(namespace: "m", types: "[Egress]"))
        #expect(RBACTestSupport.scan(elsewhere, rules: [Self.egressRule]).count == 1)
    }
}
