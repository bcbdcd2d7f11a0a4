/// The filter stage between analyzers and reporters: keeps findings of the requested
/// severities and drops those an ignore entry accepts. Pure: "today" is passed in.
public struct FindingFilter: Sendable {
    /// Severities to report; `nil` reports every severity.
    public var severities: Set<Severity>?
    public var ignores: [IgnoreEntry]
    public var today: CalendarDate

    public init(severities: Set<Severity>? = nil, ignores: [IgnoreEntry] = [], today: CalendarDate) {
        self.severities = severities
        self.ignores = ignores
        self.today = today
    }

    /// What the filter kept and what it silenced.
    public struct Result: Sendable {
        public var findings: [Finding]
        /// Findings silenced by ignore entries (not counting those outside the severity set).
        public var suppressed: Int
        /// Entries past their expiry date: they ignored nothing and the user should renew or remove them.
        public var expired: [IgnoreEntry]
        /// One line per expired entry, e.g.
        /// `.palisadeignore.yaml:4: ignore for K8S-X expired on 2027-01-31; its findings are reported again`.
        public var notes: [String] {
            expired.map {
                "\($0.file):\($0.line): ignore for \($0.rule) expired on \($0.expires?.description ?? "?"); "
                    + "its findings are reported again"
            }
        }
    }

    public func apply(_ findings: [Finding]) -> Result {
        var active: [IgnoreEntry] = []
        var expired: [IgnoreEntry] = []
        for entry in ignores {
            if entry.isExpired(on: today) { expired.append(entry) } else { active.append(entry) }
        }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        var suppressed = 0
        for finding in findings {
            if let severities, !severities.contains(finding.severity) { continue }
            if active.contains(where: { $0.matches(finding) }) {
                suppressed += 1
                continue
            }
            kept.append(finding)
        }
        return Result(findings: kept, suppressed: suppressed, expired: expired)
    }
}
