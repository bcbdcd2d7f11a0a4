/// Everything a user reads about a rule. Reports, `palisade rules explain`, `docs/rules.md`
/// and SARIF rule descriptors are all generated from this one value.
public struct RuleMetadata: Sendable, Hashable, Codable {
    /// Stable id; never changes meaning once released (e.g. `K8S-PSS-PRIVILEGED`).
    public var id: String
    /// Short statement of the problem, e.g. "Container runs privileged".
    public var title: String
    public var severity: Severity
    /// Grouping for listings and docs, e.g. "Pod Security Standards", "RBAC".
    public var category: String
    /// Why it matters: the attack it enables or the risk it carries.
    public var why: String
    /// How to fix it, concretely.
    public var remediation: String
    public var frameworks: FrameworkMappings
    /// Further reading (Kubernetes docs, benchmarks).
    public var references: [String]

    public init(
        id: String, title: String, severity: Severity, category: String, why: String, remediation: String,
        frameworks: FrameworkMappings = FrameworkMappings(), references: [String] = []
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.category = category
        self.why = why
        self.remediation = remediation
        self.frameworks = frameworks
        self.references = references
    }
}
