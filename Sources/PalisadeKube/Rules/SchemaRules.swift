/// Type and shape checks on Kubernetes objects (`K8S-SCHEMA-*`): errors the API server would reject and
/// that would make other rules misread the manifest.
public enum SchemaRules {
    public static let objectRules: [any ObjectRule] = [SchemaTypeRule(), NoContainersRule()]
    public static let workloadRules: [any WorkloadRule] = []
}
