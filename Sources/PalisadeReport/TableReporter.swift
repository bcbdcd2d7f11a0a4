import PalisadeCore

/// The default `table` format: findings grouped by file, then by object, each with its
/// location, field path, message and fix, followed by a summary. Fits a 100-column terminal.
/// Colour (ANSI) only when `style.color` is set; text from manifests is stripped of control
/// characters so a hostile manifest cannot inject terminal escapes.
public struct TableReporter: StreamingReporter {
    let style: ReportStyle
    /// Lines are wrapped to this many columns.
    static let width = 100
    /// Column where a finding's detail lines start (after the padded severity).
    private static let detailIndent = 14

    public init(style: ReportStyle = ReportStyle()) { self.style = style }

    /// A blank line between files; a file split across batches continues without one.
    public var separators: ReportFragment.Separators {
        ReportFragment.Separators(first: [], sameGroup: [], newGroup: [0x0A])
    }

    public func head(_ report: ScanReport) -> [UInt8] { [] }

    /// One section per file: the file name once, then each object and its findings.
    public func fragment(_ findings: [Finding]) -> ReportFragment {
        let ansi = ANSIStyle(enabled: style.color)
        var sections: [ReportFragment.Section] = []
        var cache: [String: RuleLines] = [:]
        for group in FileGroup.grouping(findings) {
            let name = group.file == "-" ? "<stdin>" : TerminalText.sanitize(group.file)
            var lines: [String] = []
            for objectGroup in group.objects {
                lines.append("  " + TerminalText.sanitize(objectGroup.label))
                for finding in objectGroup.findings {
                    lines.append(contentsOf: findingLines(finding, ansi, cache: &cache))
                }
            }
            var body: [UInt8] = []
            for line in lines {
                body.append(contentsOf: line.utf8)
                body.append(0x0A)
            }
            sections.append(
                ReportFragment.Section(key: group.file, header: Array((ansi.bold(name) + "\n").utf8), body: body))
        }
        return ReportFragment(sections: sections)
    }

    public func tail(_ report: ScanReport, wroteFindings: Bool) -> [UInt8] {
        var text = wroteFindings ? "" : "No findings.\n"
        text += "\n" + summaryLines(report, ANSIStyle(enabled: style.color)).joined(separator: "\n") + "\n"
        return Array(text.utf8)
    }

    /// The lines a rule contributes to every finding (heading and fix), wrapped once per rule.
    private struct RuleLines {
        let title: String
        let remediation: String
        let heading: [String]
        let fix: [String]
    }

    private func findingLines(_ f: Finding, _ ansi: ANSIStyle, cache: inout [String: RuleLines]) -> [String] {
        let indent = Self.detailIndent
        var lines: [String] = []
        let key = f.ruleId + "\u{0}" + f.severity.rawValue
        var rule = cache[key]
        if rule == nil || rule!.title != f.title || rule!.remediation != f.remediation {
            // Title wrapped in its own column after the rule id; continuation lines align under it.
            let label = f.severity.rawValue.padding(toLength: 9)
            let titleIndent = indent + f.ruleId.count + 2
            let titleLines = TerminalText.wrap(TerminalText.sanitize(f.title), width: Self.width, indent: titleIndent)
            var heading = [
                "    " + ansi.severity(label, f.severity) + " " + TerminalText.sanitize(f.ruleId) + "  "
                    + titleLines[0].dropFirst(titleIndent)
            ]
            heading.append(contentsOf: titleLines.dropFirst())
            let fix = f.remediation.isEmpty ? [] : fixLines(f.remediation, indent: indent)
            rule = RuleLines(title: f.title, remediation: f.remediation, heading: heading, fix: fix)
            cache[key] = rule
        }
        lines.append(contentsOf: rule!.heading)

        let pad = String(repeating: " ", count: indent)
        let position = TerminalText.sanitize(f.location.positionText)
        let path = TerminalText.sanitize(f.location.path)
        if path.isEmpty {
            lines.append(pad + position)
        } else if indent + position.count + 2 + path.count <= Self.width {
            lines.append(pad + position + "  " + ansi.dim(path))
        } else {
            lines.append(pad + position)
            lines.append(pad + ansi.dim(path))
        }
        if let layer = f.location.layerText { lines.append(pad + ansi.dim(TerminalText.sanitize(layer))) }
        if let evidence = f.evidence { lines.append(pad + "Match: " + TerminalText.sanitize(evidence)) }
        lines.append(contentsOf: TerminalText.wrap(TerminalText.sanitize(f.message), width: Self.width, indent: indent))
        lines.append(contentsOf: rule!.fix)
        return lines
    }

    /// "Fix: …" wrapped; further lines of a multi-line remediation (usually a YAML example) keep
    /// their own line breaks and indentation.
    private func fixLines(_ remediation: String, indent: Int) -> [String] {
        let parts = remediation.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = TerminalText.wrap(
            "Fix: " + TerminalText.sanitize(String(parts[0])), width: Self.width, indent: indent)
        let pad = String(repeating: " ", count: indent + 5)
        for part in parts.dropFirst() where !part.allSatisfy({ $0 == " " }) {
            lines.append(pad + TerminalText.sanitize(String(part)))
        }
        return lines
    }

    private func summaryLines(_ report: ScanReport, _ ansi: ANSIStyle) -> [String] {
        var lines: [String] = []
        let counts = report.countsBySeverity.map { severity, count in
            "\(count) \(ansi.severity(severity.rawValue.lowercased(), severity))"
        }
        lines.append(
            ansi.bold("Summary:") + " \(ReportWording.plural(report.totalFindings, "finding"))"
                + " (\(counts.joined(separator: ", ")))")
        var scanned = "Scanned \(ReportWording.scannedLine(report))"
        scanned += "; \(report.suppressed) suppressed."
        lines.append(scanned)
        if !report.workloads.isEmpty {
            lines.append("Pod Security: \(ReportWording.podSecurityLine(report))")
            // Name the workloads below restricted (a few per level), so the summary says which to fix.
            for level in [PodSecurityLevel.privileged, .baseline] {
                let names = report.workloads.filter { $0.podSecurityLevel == level }.map(\.object.displayName)
                guard !names.isEmpty else { continue }
                let shown = names.prefix(5).map(TerminalText.sanitize).joined(separator: ", ")
                let more = names.count > 5 ? " and \(names.count - 5) more" : ""
                lines.append(
                    contentsOf: TerminalText.wrap(
                        "\(level.rawValue): \(shown)\(more)", width: Self.width, indent: 2))
            }
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
