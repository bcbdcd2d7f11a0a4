import PalisadeCore

/// The `markdown` format: GitHub-flavoured Markdown for a pull-request comment or a GitHub
/// Actions step summary. A severity table, a findings table (capped at `maxFindingRows` so a
/// large report stays under GitHub's comment size limit), then the fix for each rule that fired.
/// Cell text is escaped (`|`, HTML characters, line breaks) so manifest content cannot break
/// the layout or inject HTML.
public struct MarkdownReporter: Reporter {
    /// Findings beyond this many rows are counted but not listed.
    public let maxFindingRows: Int

    public init(maxFindingRows: Int = 200) {
        self.maxFindingRows = max(0, maxFindingRows)
    }

    public func render(_ report: ScanReport) -> String {
        var out: [String] = []
        let total = report.findings.count
        out.append("## Palisade: \(total == 0 ? "no findings" : ReportWording.plural(total, "finding"))")
        out.append("")
        var context = "Scanned \(ReportWording.scannedLine(report))"
        if !report.command.isEmpty { context += " with `palisade \(TextEscaping.markdownText(report.command))`" }
        context += "; \(report.suppressed) suppressed."
        if !report.workloads.isEmpty {
            context += " Pod Security: \(ReportWording.podSecurityLine(report))."
        }
        out.append(context)
        out.append("")
        out.append("| Severity | Findings |")
        out.append("|---|---:|")
        for (severity, count) in report.countsBySeverity {
            out.append("| \(severity.rawValue) | \(count) |")
        }
        out.append("")

        // Most severe first (stable, so report order within a severity), so a capped table
        // drops the least important rows.
        let findings = report.findings.enumerated().sorted {
            $0.element.severity != $1.element.severity
                ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
        if total == 0 {
            out.append("No findings.")
            out.append("")
        } else {
            out.append(contentsOf: findingsTable(findings))
            out.append(contentsOf: remediationSection(report, findings))
        }
        if !report.notes.isEmpty {
            out.append("### Notes")
            out.append("")
            out.append(contentsOf: report.notes.map { "- " + TextEscaping.markdownCell($0) })
            out.append("")
        }
        if !report.errors.isEmpty {
            out.append("### Errors")
            out.append("")
            for error in report.errors {
                var position = error.file
                if let line = error.line {
                    position += ":\(line)"
                    if let column = error.column { position += ":\(column)" }
                }
                out.append(
                    "- \(TextEscaping.markdownCode(position, inTable: false)): \(TextEscaping.markdownCell(error.reason))"
                )
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func findingsTable(_ findings: [Finding]) -> [String] {
        var out = ["### Findings", "", "| Severity | Rule | Object | Location | Message |", "|---|---|---|---|---|"]
        for f in findings.prefix(maxFindingRows) {
            let object = f.object.map { TextEscaping.markdownCode($0.displayName, inTable: true) } ?? "—"
            var location = TextEscaping.markdownCode(f.location.positionText, inTable: true)
            if !f.location.path.isEmpty {
                location += "<br>" + TextEscaping.markdownCode(f.location.path, inTable: true)
            }
            if let layer = f.location.layerText { location += "<br>" + TextEscaping.markdownCell(layer) }
            var message = f.message
            if let evidence = f.evidence { message += " (match: \(evidence))" }
            let cells = [
                f.severity.rawValue, TextEscaping.markdownCode(f.ruleId, inTable: true), object, location,
                TextEscaping.markdownCell(message),
            ]
            out.append("| " + cells.joined(separator: " | ") + " |")
        }
        if findings.count > maxFindingRows {
            out.append("")
            out.append(
                "\(ReportWording.plural(findings.count - maxFindingRows, "more finding")) not shown;"
                    + " use `--format json` or `--format sarif` for the full list.")
        }
        out.append("")
        return out
    }

    /// One entry per rule that fired, in the order of the findings table, with why and how to fix.
    private func remediationSection(_ report: ScanReport, _ findings: [Finding]) -> [String] {
        var byId: [String: RuleMetadata] = [:]
        for rule in report.ruleDescriptors where byId[rule.id] == nil { byId[rule.id] = rule }
        var out = ["### Remediation", ""]
        var seen: Set<String> = []
        for id in findings.map(\.ruleId) where seen.insert(id).inserted {
            guard let rule = byId[id] else { continue }
            let count = report.findings.lazy.filter { $0.ruleId == id }.count
            out.append(
                "#### \(TextEscaping.markdownCode(rule.id, inTable: false)) \(TextEscaping.markdownCell(rule.title))")
            out.append("")
            out.append(
                "**\(rule.severity.rawValue)**, \(ReportWording.plural(count, "finding")). "
                    + TextEscaping.markdownCell(rule.why))
            out.append("")
            out.append("**Fix:** " + TextEscaping.markdownCell(rule.remediation))
            if !rule.references.isEmpty {
                out.append("")
                out.append(
                    "References: "
                        + rule.references.map { "<\(TextEscaping.markdownCell($0))>" }.joined(separator: ", "))
            }
            out.append("")
        }
        return out
    }
}
