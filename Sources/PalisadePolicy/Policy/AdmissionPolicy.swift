import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// A parsed, validated admission policy (docs/admission.md; `DefaultAdmissionPolicy` is an example).
/// It selects rules from the same catalog as `palisade k8s` and says what happens when one is
/// violated, so a finding in CI and a rejection in the cluster always agree.
public struct AdmissionPolicy: Sendable {
    /// What to answer when a review cannot be decided in time.
    public enum FailurePolicy: String, Sendable, CaseIterable {
        /// Allow (fail open): an overloaded webhook never blocks deployments.
        case ignore = "Ignore"
        /// Deny (fail closed): nothing unchecked gets in.
        case fail = "Fail"
    }

    /// A rule entry: which rules, what action, where.
    public struct RuleEntry: Sendable {
        /// Rule ids or `PREFIX*` patterns, upper-cased.
        public var patterns: [String]
        /// `nil` means `off`.
        public var action: AdmissionDecision.Action?
        /// Set secure defaults for these rules' fields where unset (mutating webhook).
        public var mutate: Bool
        /// Namespace names or `prefix*` patterns the entry is limited to (empty: all).
        public var namespaces: [String]
        public var namespaceSelector: LabelSelector?
        public var objectSelector: LabelSelector?

        public init(
            patterns: [String], action: AdmissionDecision.Action?, mutate: Bool = false, namespaces: [String] = [],
            namespaceSelector: LabelSelector? = nil, objectSelector: LabelSelector? = nil
        ) {
            self.patterns = patterns.map { $0.uppercased() }
            self.action = action
            self.mutate = mutate
            self.namespaces = namespaces
            self.namespaceSelector = namespaceSelector
            self.objectSelector = objectSelector
        }

        public func names(_ rule: String) -> Bool { patterns.contains { RuleSelection.matches($0, rule) } }
    }

    /// Requests that are never checked, as in Pod Security admission's exemptions.
    public struct Exemptions: Sendable {
        public var namespaces: [String] = []
        public var usernames: Set<String> = []
        public var groups: Set<String> = []
        /// `NAMESPACE/NAME`, matched as the username `system:serviceaccount:NAMESPACE:NAME`.
        public var serviceAccounts: Set<String> = []
        public var runtimeClasses: Set<String> = []

        public init() {}
    }

    public var failurePolicy: FailurePolicy = .ignore
    public var timeoutSeconds: Double = 5
    /// Pod Security defaults for namespaces without `pod-security.kubernetes.io/*` labels.
    public var podSecurity = PodSecurityModes()
    public var rules: [RuleEntry] = []
    /// Registries images may come from (host or host/prefix); empty: no allow-list.
    public var allowedRegistries: [String] = []
    /// What happens to an image from another registry (`K8S-WL-IMAGE-REGISTRY`).
    public var registryAction: AdmissionDecision.Action = .enforce
    public var exemptions = Exemptions()
    /// Namespace manifests to read labels from when a request does not carry its Namespace.
    public var namespacesFile: String?
    /// UPDATEs that change only metadata of an already non-compliant object are allowed with a warning.
    public var allowMetadataOnlyUpdates = true

    public init() {}

    /// Parses and validates a policy document; errors carry the file, line and column.
    public static func parse(_ text: String, file: String) throws(InputError) -> AdmissionPolicy {
        try AdmissionPolicyParser(file: file).parse(Array(text.utf8))
    }

    /// Reads and parses a policy file.
    public static func load(path: String) throws(InputError) -> AdmissionPolicy {
        let buffer = try SourceBuffer.read(path: path, maxBytes: 4 << 20)
        return try AdmissionPolicyParser(file: path).parse(Array(buffer.bytes))
    }
}
