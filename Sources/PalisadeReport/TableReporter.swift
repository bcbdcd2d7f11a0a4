import PalisadeCore

/// Placeholder; the reporters area fills this in.
public struct TableReporter: Reporter {
    let style: ReportStyle
    public init(style: ReportStyle = ReportStyle()) { self.style = style }
    public func render(_ report: ScanReport) -> String { "" }
}
