import PalisadeCore

/// A format that is written while the scan runs: findings are rendered batch by batch (in
/// the scanning tasks, so on every core) and the report's frame goes around them at the end.
/// Memory then stays bounded by the batches in flight, not by all findings or the whole output.
public protocol StreamingReporter: Reporter {
    /// Renders findings that are already in report order. Pure; called concurrently.
    func fragment(_ findings: [Finding]) -> ReportFragment
    /// Bytes before the first fragment, written before any finding is known: it must not
    /// depend on totals (those belong in `tail`).
    func head(_ report: ScanReport) -> [UInt8]
    /// Bytes after the last fragment; `wroteFindings` says whether any fragment had findings.
    func tail(_ report: ScanReport, wroteFindings: Bool) -> [UInt8]
    /// Separators the assembler writes before the first section, between sections of the same
    /// group (e.g. one file split across batches), and between sections of different groups.
    var separators: ReportFragment.Separators { get }
}

/// Rendered findings of one batch: consecutive sections, one per group (a file, for tables).
public struct ReportFragment: Sendable {
    public struct Section: Sendable {
        /// Sections with the same key continue one group; the header is written once per group.
        public var key: String
        public var header: [UInt8]
        public var body: [UInt8]

        public init(key: String, header: [UInt8] = [], body: [UInt8]) {
            self.key = key
            self.header = header
            self.body = body
        }
    }

    public struct Separators: Sendable {
        public var first: [UInt8]
        public var sameGroup: [UInt8]
        public var newGroup: [UInt8]

        public init(first: [UInt8], sameGroup: [UInt8], newGroup: [UInt8]) {
            self.first = first
            self.sameGroup = sameGroup
            self.newGroup = newGroup
        }
    }

    public var sections: [Section]

    public init(sections: [Section] = []) { self.sections = sections }
}

/// Joins fragments in order, writing each group header once. Sequential: the consumer side.
public struct ReportFragmentAssembler {
    private let separators: ReportFragment.Separators
    private var lastKey: String?

    public init(separators: ReportFragment.Separators) { self.separators = separators }

    /// Whether any section was written.
    public var wroteAny: Bool { lastKey != nil }

    /// Appends `fragment` through `write` (called with each piece of bytes, in order).
    public mutating func append(_ fragment: ReportFragment, write: ([UInt8]) -> Void) {
        for section in fragment.sections {
            switch lastKey {
            case nil:
                write(separators.first)
                write(section.header)
            case section.key?:
                write(separators.sameGroup)
            default:
                write(separators.newGroup)
                write(section.header)
            }
            write(section.body)
            lastKey = section.key
        }
    }
}

extension StreamingReporter {
    /// The whole report at once, through the same code as streaming, so both give the same bytes.
    public func render(_ report: ScanReport) -> String {
        var frame = report
        if frame.streamedTotals == nil { frame.streamedTotals = FindingTotals(report.findings) }
        frame.findings = []
        var out = head(frame)
        var assembler = ReportFragmentAssembler(separators: separators)
        assembler.append(fragment(report.findings)) { out.append(contentsOf: $0) }
        out.append(contentsOf: tail(frame, wroteFindings: assembler.wroteAny))
        return String(decoding: out, as: UTF8.self)
    }
}
