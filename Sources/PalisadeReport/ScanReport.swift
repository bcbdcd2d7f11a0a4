import PalisadeCore

/// Everything a reporter renders: the findings of one run plus the context needed to
/// explain them (rule metadata, scanned inputs, errors).
public struct ScanReport: Sendable {
    /// Name and version of the tool, for SARIF `tool.driver` and JSON headers.
    public var toolVersion: String
    /// The command that produced it (`k8s`, `image`, …).
    public var command: String
    /// The targets given on the command line (paths, `-`, image references).
    public var targets: [String]
    /// Findings after filtering, in report order.
    public var findings: [Finding]
    /// Metadata for every rule that can appear (SARIF needs the full rule descriptors).
    public var rules: [RuleMetadata]
    /// The highest Pod Security level each workload satisfies (Kubernetes scans only).
    public var workloads: [WorkloadPosture]
    /// Inputs that could not be read.
    public var errors: [InputError]
    /// Findings hidden by ignore rules or annotations, and why (for the summary line).
    public var suppressed: Int
    /// Messages about ignore-file entries that expired, and other notes for the reader.
    public var notes: [String]
    public var objectCount: Int
    public var fileCount: Int
    /// Counts of findings that were streamed out instead of kept in `findings`
    /// (see `StreamingReporter`); `nil` means `findings` holds them all.
    public var streamedTotals: FindingTotals?

    public init(
        toolVersion: String, command: String, targets: [String], findings: [Finding], rules: [RuleMetadata],
        workloads: [WorkloadPosture] = [], errors: [InputError] = [], suppressed: Int = 0, notes: [String] = [],
        objectCount: Int = 0, fileCount: Int = 0
    ) {
        self.toolVersion = toolVersion
        self.command = command
        self.targets = targets
        self.findings = findings
        self.rules = rules
        self.workloads = workloads
        self.errors = errors
        self.suppressed = suppressed
        self.notes = notes
        self.objectCount = objectCount
        self.fileCount = fileCount
    }

    /// Number of findings per severity, most severe first.
    public var countsBySeverity: [(Severity, Int)] {
        let totals = streamedTotals ?? FindingTotals(findings)
        return Severity.allCases.reversed().map { ($0, totals.count($0)) }
    }

    /// Number of findings reported, streamed or kept.
    public var totalFindings: Int { streamedTotals?.total ?? findings.count }
}

/// Finding counts, accumulated batch by batch when findings are streamed.
public struct FindingTotals: Sendable, Hashable {
    private var bySeverity: [Int] = Array(repeating: 0, count: Severity.allCases.count)

    public init() {}

    public init(_ findings: [Finding]) {
        add(findings)
    }

    public mutating func add(_ findings: [Finding]) {
        for f in findings { bySeverity[Self.index(f.severity)] += 1 }
    }

    public mutating func merge(_ other: FindingTotals) {
        for i in bySeverity.indices { bySeverity[i] += other.bySeverity[i] }
    }

    public func count(_ severity: Severity) -> Int { bySeverity[Self.index(severity)] }

    private static func index(_ severity: Severity) -> Int {
        switch severity {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }
    public var total: Int { bySeverity.reduce(0, +) }
}

/// Output formats of `--format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json, sarif, junit, markdown
}

/// Renders a report to bytes. Reporters are pure: no I/O, no global state.
public protocol Reporter: Sendable {
    func render(_ report: ScanReport) -> String
}

/// Options that change how reports look, not what they contain.
public struct ReportStyle: Sendable {
    /// ANSI colours (tables only); the CLI turns them on for terminals unless `--no-color`.
    public var color: Bool
    public init(color: Bool = false) { self.color = color }
}

extension ReportFormat {
    /// The reporter for this format.
    /// - Parameter rules: the rule catalog, so formats can prepare per-rule text once.
    public func reporter(style: ReportStyle = ReportStyle(), rules: [RuleMetadata] = []) -> any Reporter {
        switch self {
        case .table: TableReporter(style: style)
        case .json: JSONReporter(rules: rules)
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .markdown: MarkdownReporter()
        }
    }
}
