import PalisadeCore

/// Every Kubernetes rule, grouped by how it is evaluated. Each area lists its rules in its own
/// file (`PodSecurityRules`, `HardeningRules`, `RBACRules`, `ExposureRules`, `SchemaRules`).
public struct KubeRuleSet: Sendable {
    public var objectRules: [any ObjectRule]
    public var workloadRules: [any WorkloadRule]
    public var crossObjectRules: [any CrossObjectRule]

    public init(
        objectRules: [any ObjectRule], workloadRules: [any WorkloadRule], crossObjectRules: [any CrossObjectRule]
    ) {
        self.objectRules = objectRules
        self.workloadRules = workloadRules
        self.crossObjectRules = crossObjectRules
    }

    /// The built-in rules.
    public static let builtIn = KubeRuleSet(
        objectRules: SchemaRules.objectRules + RBACRules.all + ExposureRules.objectRules + HardeningRules.objectRules
            + ObjectHygieneRules.all,
        workloadRules: SchemaRules.workloadRules + PodSecurityRules.all + HardeningRules.workloadRules
            + LocalhostSeccompRules.all,
        crossObjectRules: ExposureRules.crossObjectRules)

    public var allMetadata: [RuleMetadata] {
        objectRules.map(\.metadata) + workloadRules.map(\.metadata) + crossObjectRules.map(\.metadata)
    }

    /// Only the rules `selection` enables.
    public func selecting(_ selection: RuleSelection) -> KubeRuleSet {
        KubeRuleSet(
            objectRules: objectRules.filter { selection.isEnabled($0.metadata.id) },
            workloadRules: workloadRules.filter { selection.isEnabled($0.metadata.id) },
            crossObjectRules: crossObjectRules.filter { selection.isEnabled($0.metadata.id) })
    }
}
