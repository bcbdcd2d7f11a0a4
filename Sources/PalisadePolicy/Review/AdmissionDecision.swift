/// How a policy answers one request: what the webhook sends back, and what `replay` tallies.
public struct AdmissionDecision: Sendable {
    /// What the policy does about one violated rule.
    public enum Action: String, Sendable, Hashable, Comparable, CaseIterable {
        /// Recorded in `auditAnnotations` only.
        case audit
        /// Allowed, with an entry in `warnings` (kubectl prints it).
        case warn
        /// Denied.
        case enforce

        private var rank: Int {
            switch self {
            case .audit: 0
            case .warn: 1
            case .enforce: 2
            }
        }
        public static func < (a: Action, b: Action) -> Bool { a.rank < b.rank }
    }

    /// One rule violated by the object, with the action the policy takes.
    public struct Verdict: Sendable, Hashable {
        public var rule: String
        public var action: Action
        /// What is wrong, e.g. `container "web" is privileged`.
        public var message: String
        /// Field path in the object, e.g. `spec.template.spec.containers[0].securityContext.privileged`.
        public var path: String
        /// How to fix it (the rule's remediation, shortened).
        public var fix: String
        /// Also recorded in `auditAnnotations` (a Pod Security audit level that includes the rule,
        /// next to a stronger enforce or warn level: the modes are independent, as in Pod Security admission).
        public var audited: Bool

        public init(rule: String, action: Action, message: String, path: String, fix: String, audited: Bool = false) {
            self.rule = rule
            self.action = action
            self.message = message
            self.path = path
            self.fix = fix
            self.audited = audited || action == .audit
        }
    }

    /// One JSONPatch operation (RFC 6902); mutation only ever adds fields.
    public struct PatchOperation: Sendable, Hashable {
        public var op: String
        /// JSON Pointer (RFC 6901).
        public var path: String
        /// The value as JSON text.
        public var valueJSON: String
        /// The rule whose secure default this sets.
        public var rule: String

        public init(op: String = "add", path: String, valueJSON: String, rule: String) {
            self.op = op
            self.path = path
            self.valueJSON = valueJSON
            self.rule = rule
        }
    }

    public var allowed: Bool
    /// The denial message (short enough for kubectl to show in full), or nil when allowed.
    public var message: String?
    /// Every violation found, enforced or not.
    public var verdicts: [Verdict]
    /// `warnings` entries for the response.
    public var warnings: [String]
    /// `auditAnnotations` for the response (keys without the webhook-name prefix).
    public var auditAnnotations: [String: String]
    /// JSONPatch to apply (mutating webhook only); empty when nothing is changed.
    public var patch: [PatchOperation]
    /// Why the request was not evaluated at all (exempt user, namespace, subresource…), or nil.
    public var skippedBecause: String?

    public init(
        allowed: Bool, message: String? = nil, verdicts: [Verdict] = [], warnings: [String] = [],
        auditAnnotations: [String: String] = [:], patch: [PatchOperation] = [], skippedBecause: String? = nil
    ) {
        self.allowed = allowed
        self.message = message
        self.verdicts = verdicts
        self.warnings = warnings
        self.auditAnnotations = auditAnnotations
        self.patch = patch
        self.skippedBecause = skippedBecause
    }
}
