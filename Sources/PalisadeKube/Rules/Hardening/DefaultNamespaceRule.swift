import PalisadeCore
import PalisadeFormats

/// A namespaced object placed explicitly in the `default` namespace. An absent namespace is not reported:
/// such manifests are usually applied with `-n`.
struct DefaultNamespace: ObjectRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-DEFAULT-NAMESPACE", title: "Object is deployed to the default namespace", severity: .low,
        why: "The default namespace is where everything without a home lands: RBAC, NetworkPolicies, quotas and "
            + "Pod Security labels scoped to it end up shared by unrelated workloads, weakening isolation.",
        remediation: "Create a dedicated namespace per application or team and set metadata.namespace to it.",
        frameworks: FrameworkMappings(cis: ["5.7.1", "5.7.4"], nsa: ["Network separation: namespaces"]),
        references: [HardeningDocs.namespaces])

    func applies(to object: KubeObject) -> Bool { object.namespace == "default" && !object.isClusterScoped }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let node = object.root["metadata"]?["namespace"] else { return [] }
        return [Violation("\(object.kind) \"\(object.name)\" is in the default namespace", at: node)]
    }
}

/// A Deployment or StatefulSet explicitly set to one replica: any node drain or crash takes it down.
struct SingleReplica: ObjectRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SINGLE-REPLICA", title: "Deployment or StatefulSet runs a single replica", severity: .low,
        why: "With one replica every rollout, node drain, eviction or crash is an outage, and a single crafted "
            + "request that crashes the pod denies service until it restarts.",
        remediation: "Run at least two replicas (or let a HorizontalPodAutoscaler manage them) and protect them "
            + "with a PodDisruptionBudget.",
        frameworks: FrameworkMappings(mitre: ["T1499"]), references: [HardeningDocs.disruptions])

    func applies(to object: KubeObject) -> Bool { object.kind == "Deployment" || object.kind == "StatefulSet" }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let node = object.root["spec"]?["replicas"], node.int == 1 else { return [] }
        return [Violation("\(object.kind) \"\(object.name)\" sets replicas: 1", at: node)]
    }
}
