import PalisadeCore

extension ScanReport {
    /// Workloads counted by the highest Pod Security level they satisfy, most restrictive first,
    /// so a summary reads "3 restricted, 5 baseline, 2 privileged".
    public var podSecurityCounts: [(PodSecurityLevel, Int)] {
        PodSecurityLevel.allCases.reversed().map { level in
            (level, workloads.lazy.filter { $0.podSecurityLevel == level }.count)
        }
    }

    /// Rule descriptors for every rule a reporter may cite: `rules` without duplicate ids, then a
    /// descriptor rebuilt from the finding for any rule a finding names that `rules` lacks,
    /// so formats that index rules (SARIF `ruleIndex`) never point at nothing.
    public var ruleDescriptors: [RuleMetadata] {
        var seen: Set<String> = []
        var out: [RuleMetadata] = []
        for rule in rules where seen.insert(rule.id).inserted { out.append(rule) }
        for finding in findings where seen.insert(finding.ruleId).inserted {
            out.append(
                RuleMetadata(
                    id: finding.ruleId, title: finding.title, severity: finding.severity, category: "Other",
                    why: finding.title, remediation: finding.remediation, frameworks: finding.frameworks))
        }
        return out
    }
}

extension Severity {
    /// SARIF `level`: CRITICAL/HIGH are errors, MEDIUM warnings, LOW/INFO notes.
    var sarifLevel: String {
        switch self {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub code scanning's `security-severity` score (CVSS-like, as a decimal string).
    var securitySeverityScore: String {
        switch self {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }
}

/// Small wording helpers shared by the human-readable formats.
enum ReportWording {
    /// English plurals for counts in summaries: `1 finding`, `2 findings`.
    static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (pluralForm ?? singular + "s"))"
    }

    /// `3 restricted, 5 baseline, 2 privileged`.
    static func podSecurityLine(_ report: ScanReport) -> String {
        report.podSecurityCounts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
    }

    /// `12 objects in 3 files`.
    static func scannedLine(_ report: ScanReport) -> String {
        "\(plural(report.objectCount, "object")) in \(plural(report.fileCount, "file"))"
    }
}
