/// What replaying audit logs through a candidate policy found: what `enforce` would have denied
/// and what the mutating webhook would have changed, by rule, namespace, workload and user, with
/// enough examples to find each request in the log again. Renderers only read it.
public struct ReplayReport: Sendable {
    /// Where an event came from, for examples and error lines.
    public struct Input: Sendable, Hashable {
        public var name: String
        public var gzip: Bool
        /// Decompressed bytes.
        public var bytes: Int64
        public var lines: Int
    }

    public struct Totals: Sendable, Hashable {
        public var lines = 0
        public var bytes: Int64 = 0
        /// Lines that were not one JSON audit event (counted, a few kept in `malformedExamples`).
        public var malformedLines = 0
        /// Events of other verbs (get, list, watch, delete, …), never parsed beyond a byte scan.
        public var otherVerbEvents = 0
        /// create/update/patch events parsed.
        public var mutatingEvents = 0
        /// Stages of a request already counted (RequestReceived next to ResponseComplete, …).
        public var duplicateStages = 0
        /// Distinct create/update/patch requests.
        public var requests = 0
        /// Requests run through the policy.
        public var replayed = 0
        /// Requests that could not be replayed (see `skipped`).
        public var skipped = 0
        /// Replayed requests the policy exempts or does not look at (see `notEvaluated`).
        public var notEvaluated = 0
        /// Replayed requests `enforce` would have denied.
        public var denied = 0
        /// Replayed requests the mutating webhook would have patched.
        public var mutated = 0
        /// Replayed requests with at least one `warn` verdict.
        public var warned = 0
        /// Replayed requests with at least one `audit` verdict.
        public var audited = 0
        /// Replayed requests the API server itself refused (response code >= 400): they never got in.
        public var refusedByAPIServer = 0
        /// Replayed requests sent with `dryRun=All`.
        public var dryRun = 0
    }

    /// Requests per outcome in one group (a rule, a namespace, a workload, a user).
    public struct Counts: Sendable, Hashable {
        public var denied = 0
        public var mutated = 0
        public var warned = 0
        public var audited = 0

        public init(denied: Int = 0, mutated: Int = 0, warned: Int = 0, audited: Int = 0) {
            self.denied = denied
            self.mutated = mutated
            self.warned = warned
            self.audited = audited
        }

        public var isEmpty: Bool { denied == 0 && mutated == 0 && warned == 0 && audited == 0 }
    }

    /// A workload: the controller that owns the object (a Pod's ReplicaSet, a Job's CronJob),
    /// or the object itself; grouping Pods by owner keeps 500 replicas on one row.
    public struct Workload: Sendable, Hashable, Comparable {
        public var kind: String
        public var namespace: String
        public var name: String

        public init(kind: String, namespace: String, name: String) {
            self.kind = kind
            self.namespace = namespace
            self.name = name
        }

        public var display: String { "\(kind) \(namespace.isEmpty ? "" : namespace + "/")\(name)" }

        public static func < (a: Self, b: Self) -> Bool {
            (a.namespace, a.kind, a.name) < (b.namespace, b.kind, b.name)
        }
    }

    /// One request a rule would have denied or patched.
    public struct Example: Sendable, Hashable {
        public var auditID: String
        /// `requestReceivedTimestamp`.
        public var time: String
        public var user: String
        /// `Kind namespace/name`.
        public var object: String
        public var rule: String
        /// Field path of the violation, or the JSON Pointer of the patch.
        public var path: String
        public var message: String
        /// `file:line` of the event.
        public var source: String
        /// The API server refused it anyway (response code >= 400).
        public var refusedByAPIServer: Bool
        public var dryRun: Bool
    }

    /// The first examples of one rule, and how many there were in all.
    public struct RuleExamples: Sendable {
        public var rule: String
        public var total = 0
        public var examples: [Example] = []
    }

    /// One group with its counts, for rendering.
    public struct Row<Key: Sendable>: Sendable {
        public var key: Key
        public var counts: Counts
    }

    public var policy: String
    public var inputs: [Input] = []
    public var totals = Totals()
    public var skipped: [ReplaySkipReason: Int] = [:]
    /// Why the policy did not evaluate a replayed request (exempt namespace, user, subresource…).
    public var notEvaluated: [String: Int] = [:]
    /// `file:line: reason` for the first malformed lines.
    public var malformedExamples: [String] = []
    public var byRule: [String: Counts] = [:]
    public var byNamespace: [String: Counts] = [:]
    public var byWorkload: [Workload: Counts] = [:]
    public var byUser: [String: Counts] = [:]
    /// Denied requests per enforced rule.
    public var denials: [String: RuleExamples] = [:]
    /// Patched requests per rule whose secure default the patch sets.
    public var mutations: [String: RuleExamples] = [:]
    /// Examples kept per rule.
    public var examplesPerRule: Int

    public init(policy: String, examplesPerRule: Int = 20) {
        self.policy = policy
        self.examplesPerRule = examplesPerRule
    }

    /// Whether `enforce` would have denied anything: what the exit code reports.
    public var wouldDeny: Bool { totals.denied > 0 }

    /// Groups worst first (most denied, then most mutated, warned, audited), then by key.
    public static func rows<Key: Comparable & Sendable>(_ groups: [Key: Counts]) -> [Row<Key>] {
        groups.map { Row(key: $0.key, counts: $0.value) }.sorted {
            let a = $0.counts
            let b = $1.counts
            if a.denied != b.denied { return a.denied > b.denied }
            if a.mutated != b.mutated { return a.mutated > b.mutated }
            if a.warned != b.warned { return a.warned > b.warned }
            if a.audited != b.audited { return a.audited > b.audited }
            return $0.key < $1.key
        }
    }

    /// Rules with examples, most requests first.
    public static func ordered(_ groups: [String: RuleExamples]) -> [RuleExamples] {
        groups.values.sorted { $0.total != $1.total ? $0.total > $1.total : $0.rule < $1.rule }
    }

    /// Counts sorted by count, then key.
    public static func ordered<Key: Comparable>(_ counts: [Key: Int]) -> [(key: Key, count: Int)] {
        counts.map { (key: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
        }
    }
}
