import PalisadeCore

/// Placeholder; the reporters area fills this in.
public struct MarkdownReporter: Reporter {
    public init() {}
    public func render(_ report: ScanReport) -> String { "" }
}
