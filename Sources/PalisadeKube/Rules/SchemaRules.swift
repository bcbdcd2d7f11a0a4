/// Placeholder list; filled in by the SchemaRules area.
public enum SchemaRules {
    public static let objectRules: [any ObjectRule] = []
    public static let workloadRules: [any WorkloadRule] = []
}
