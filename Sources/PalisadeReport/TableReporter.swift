import PalisadeCore

/// The default `table` format: findings grouped by file, then by object, each with its
/// location, field path, message and fix, followed by a summary. Fits a 100-column terminal.
/// Colour (ANSI) only when `style.color` is set; text from manifests is stripped of control
/// characters so a hostile manifest cannot inject terminal escapes.
public struct TableReporter: Reporter {
    let style: ReportStyle
    /// Lines are wrapped to this many columns.
    static let width = 100
    /// Column where a finding's detail lines start (after the padded severity).
    private static let detailIndent = 14

    public init(style: ReportStyle = ReportStyle()) { self.style = style }

    public func render(_ report: ScanReport) -> String {
        let ansi = ANSIStyle(enabled: style.color)
        var lines: [String] = []
        if report.findings.isEmpty {
            lines.append("No findings.")
        } else {
            for group in FileGroup.grouping(report.findings) {
                lines.append(ansi.bold(group.file == "-" ? "<stdin>" : TerminalText.sanitize(group.file)))
                for objectGroup in group.objects {
                    lines.append("  " + TerminalText.sanitize(objectGroup.label))
                    for finding in objectGroup.findings {
                        lines.append(contentsOf: findingLines(finding, ansi))
                    }
                }
                lines.append("")
            }
            if lines.last == "" { lines.removeLast() }
        }
        lines.append("")
        lines.append(contentsOf: summaryLines(report, ansi))
        return lines.joined(separator: "\n") + "\n"
    }

    private func findingLines(_ f: Finding, _ ansi: ANSIStyle) -> [String] {
        let indent = Self.detailIndent
        let label = f.severity.rawValue.padding(toLength: 9)
        var lines: [String] = []
        // Title wrapped in its own column after the rule id; continuation lines align under it.
        let titleIndent = indent + f.ruleId.count + 2
        let titleLines = TerminalText.wrap(TerminalText.sanitize(f.title), width: Self.width, indent: titleIndent)
        lines.append(
            "    " + ansi.severity(label, f.severity) + " " + TerminalText.sanitize(f.ruleId) + "  "
                + titleLines[0].dropFirst(titleIndent))
        lines.append(contentsOf: titleLines.dropFirst())

        let pad = String(repeating: " ", count: indent)
        let position = TerminalText.sanitize("\(f.location.file):\(f.location.line):\(f.location.column)")
        let path = TerminalText.sanitize(f.location.path)
        if path.isEmpty {
            lines.append(pad + position)
        } else if indent + position.count + 2 + path.count <= Self.width {
            lines.append(pad + position + "  " + ansi.dim(path))
        } else {
            lines.append(pad + position)
            lines.append(pad + ansi.dim(path))
        }
        lines.append(contentsOf: TerminalText.wrap(TerminalText.sanitize(f.message), width: Self.width, indent: indent))
        if !f.remediation.isEmpty {
            let fix = TerminalText.wrap(
                "Fix: " + TerminalText.sanitize(f.remediation), width: Self.width, indent: indent)
            lines.append(contentsOf: fix)
        }
        return lines
    }

    private func summaryLines(_ report: ScanReport, _ ansi: ANSIStyle) -> [String] {
        var lines: [String] = []
        let counts = report.countsBySeverity.map { severity, count in
            "\(count) \(ansi.severity(severity.rawValue.lowercased(), severity))"
        }
        lines.append(
            ansi.bold("Summary:") + " \(ReportWording.plural(report.findings.count, "finding"))"
                + " (\(counts.joined(separator: ", ")))")
        var scanned = "Scanned \(ReportWording.scannedLine(report))"
        scanned += "; \(report.suppressed) suppressed."
        lines.append(scanned)
        if !report.workloads.isEmpty {
            lines.append("Pod Security: \(ReportWording.podSecurityLine(report))")
        }
        if !report.notes.isEmpty {
            lines.append("Notes:")
            for note in report.notes {
                let wrapped = TerminalText.wrap(TerminalText.sanitize(note), width: Self.width, indent: 4)
                lines.append("  - " + wrapped[0].dropFirst(4))
                lines.append(contentsOf: wrapped.dropFirst())
            }
        }
        if !report.errors.isEmpty {
            lines.append(ansi.bold("Errors (\(report.errors.count)):"))
            for error in report.errors {
                lines.append(
                    contentsOf: TerminalText.wrap(
                        TerminalText.sanitize(error.description), width: Self.width, indent: 2))
            }
        }
        return lines
    }
}

extension String {
    /// Pads with spaces on the right to `length` characters (never truncates).
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
