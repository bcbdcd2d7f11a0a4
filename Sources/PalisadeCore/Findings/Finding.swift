/// The one currency of Palisade: every analyzer produces findings, every reporter consumes them.
public struct Finding: Sendable, Codable, Hashable {
    public var ruleId: String
    public var severity: Severity
    public var title: String
    /// What is wrong with this particular object, in one sentence (never contains a secret value).
    public var message: String
    public var object: ObjectReference?
    public var location: Location
    public var remediation: String
    public var frameworks: FrameworkMappings
    /// What was matched, already redacted (secret findings: `AKIA************MPLE`); never a whole secret.
    public var evidence: String?
    /// Vulnerability findings only: the package, advisory ids and why it matched.
    public var vulnerability: VulnerabilityDetails?

    public init(
        ruleId: String, severity: Severity, title: String, message: String, object: ObjectReference?,
        location: Location, remediation: String, frameworks: FrameworkMappings, evidence: String? = nil,
        vulnerability: VulnerabilityDetails? = nil
    ) {
        self.evidence = evidence
        self.vulnerability = vulnerability
        self.ruleId = ruleId
        self.severity = severity
        self.title = title
        self.message = message
        self.object = object
        self.location = location
        self.remediation = remediation
        self.frameworks = frameworks
    }

    /// Builds a finding from a rule's metadata, so titles and remediation are never written twice.
    public init(
        rule: RuleMetadata, message: String, object: ObjectReference?, location: Location, evidence: String? = nil
    ) {
        self.init(
            ruleId: rule.id, severity: rule.severity, title: rule.title, message: message, object: object,
            location: location, remediation: rule.remediation, frameworks: rule.frameworks, evidence: evidence)
    }
}

extension Finding {
    /// Stable report order: file, line, column, rule.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.location.file != b.location.file { return a.location.file < b.location.file }
        if a.location.line != b.location.line { return a.location.line < b.location.line }
        if a.location.column != b.location.column { return a.location.column < b.location.column }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        return a.location.path < b.location.path
    }
}

extension Array where Element == Finding {
    /// Sorts into report order by sorting indices, then moving each finding once: a finding
    /// holds a dozen strings, and letting the sort shuffle whole values dominated large scans.
    public mutating func sortForReport() {
        let order = indices.sorted { Finding.reportOrder(self[$0], self[$1]) }
        var sorted: [Finding] = []
        sorted.reserveCapacity(count)
        for i in order { sorted.append(self[i]) }
        self = sorted
    }
}
