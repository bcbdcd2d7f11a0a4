import PalisadeCore
import PalisadeFormats

/// An ingress rule with no sources and no ports admits all traffic, undoing the policy's isolation.
struct NetworkPolicyAllowAllIngress: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-ALLOW-ALL-INGRESS",
        title: "NetworkPolicy allows all ingress from everywhere",
        severity: .medium,
        category: ExposureReferences.category,
        why:
            "An ingress rule without from and ports (ingress: [{}]) admits traffic from every pod of every "
            + "namespace and every external address on every port, so the selected pods are not isolated at "
            + "all; any compromised pod can reach them.",
        remediation:
            "List the allowed sources (podSelector, namespaceSelector or ipBlock) and ports in each ingress rule.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1021"]),
        references: [ExposureReferences.networkPolicies + "#allow-all-ingress-traffic"])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isNetworkPolicy(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let spec = object.spec, let rules = spec["ingress"]?.items else { return [] }
        if let types = spec["policyTypes"]?.items, !types.isEmpty, !types.contains(where: { $0.string == "Ingress" }) {
            return []
        }
        let selector = spec["podSelector"]
        let allPods =
            (selector?["matchLabels"]?.pairs?.isEmpty ?? true)
            && (selector?["matchExpressions"]?.items?.isEmpty ?? true)
        let target = allPods ? "every pod in its namespace" : "the pods it selects"
        var out: [Violation] = []
        for (i, rule) in rules.enumerated() where Self.isEmpty(rule["from"]) && Self.isEmpty(rule["ports"]) {
            guard rule.isMapping || rule.isNull else { continue }
            out.append(
                Violation(
                    "NetworkPolicy \"\(object.name)\" ingress[\(i)] has no from and no ports: allows all traffic "
                        + "from everywhere to \(target)", at: rule))
        }
        return out
    }

    private static func isEmpty(_ node: YAMLNode?) -> Bool {
        guard let node else { return true }
        return node.isNull || node.items?.isEmpty == true
    }
}
