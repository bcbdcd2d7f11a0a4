/// Placeholder list; filled in by the HardeningRules area.
public enum HardeningRules {
    public static let objectRules: [any ObjectRule] = []
    public static let workloadRules: [any WorkloadRule] = []
}
