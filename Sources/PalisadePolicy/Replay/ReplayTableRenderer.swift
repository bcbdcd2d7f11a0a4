/// The report for people: a summary first (the answer to "can I switch this on?"), then where the
/// denials and mutations concentrate (rule, namespace, workload, user), then concrete requests to
/// look at, then what could not be replayed. Long groups are cut to `maxRows`; JSON has them all.
public struct ReplayTableRenderer {
    public var maxRows: Int

    public init(maxRows: Int = 20) {
        self.maxRows = maxRows
    }

    public func render(_ report: ReplayReport) -> String {
        var out = ""
        summary(report, &out)
        let counted = ["DENIED", "MUTATED", "WARNED", "AUDITED"]
        if !report.byRule.isEmpty {
            table(
                "By rule", ["RULE"] + counted,
                ReplayReport.rows(report.byRule).map { [$0.key] + Self.cells($0.counts) }, &out)
        }
        if !report.byNamespace.isEmpty {
            table(
                "By namespace", ["NAMESPACE"] + counted,
                ReplayReport.rows(report.byNamespace).map {
                    [$0.key.isEmpty ? "(cluster)" : $0.key] + Self.cells($0.counts)
                },
                &out)
        }
        if !report.byWorkload.isEmpty {
            table(
                "By workload", ["WORKLOAD"] + counted,
                ReplayReport.rows(report.byWorkload).map { [$0.key.display] + Self.cells($0.counts) }, &out)
        }
        if !report.byUser.isEmpty {
            table(
                "By user", ["USER"] + counted,
                ReplayReport.rows(report.byUser).map { [$0.key] + Self.cells($0.counts) }, &out)
        }
        examples("Would be denied", ReplayReport.ordered(report.denials), &out)
        examples("Would be mutated", ReplayReport.ordered(report.mutations), &out)
        if !report.skipped.isEmpty {
            out += "\nNot replayed\n"
            for (reason, count) in ReplayReport.ordered(report.skipped) {
                out += "  \(pad(count)) \(reason.explanation)\n"
            }
        }
        if !report.notEvaluated.isEmpty {
            out += "\nReplayed but not evaluated by the policy\n"
            for (reason, count) in ReplayReport.ordered(report.notEvaluated) { out += "  \(pad(count)) \(reason)\n" }
        }
        if report.totals.malformedLines > 0 {
            out += "\nMalformed lines: \(report.totals.malformedLines)\n"
            for line in report.malformedExamples { out += "  \(line)\n" }
            let more = report.totals.malformedLines - report.malformedExamples.count
            if more > 0 { out += "  … and \(more) more\n" }
        }
        return out
    }

    private func summary(_ report: ReplayReport, _ out: inout String) {
        let t = report.totals
        let files = report.inputs.count == 1 ? "1 file" : "\(report.inputs.count) files"
        out += "Replayed \(t.replayed) of \(t.requests) create/update/patch requests against \(report.policy)"
        out += " (\(files), \(t.lines) lines, \(Self.bytes(t.bytes))).\n"
        let verdict =
            t.denied == 0
            ? "enforce would have denied nothing"
            : "enforce would have denied \(t.denied) request\(t.denied == 1 ? "" : "s")"
        out += "\(verdict); \(t.mutated) would have been mutated, \(t.warned) warned, \(t.audited) audited.\n"
        var extra: [String] = []
        if t.skipped > 0 { extra.append("\(t.skipped) not replayable") }
        if t.notEvaluated > 0 { extra.append("\(t.notEvaluated) exempt or out of scope") }
        if t.refusedByAPIServer > 0 { extra.append("\(t.refusedByAPIServer) refused by the API server anyway") }
        if t.dryRun > 0 { extra.append("\(t.dryRun) dry-run") }
        if t.malformedLines > 0 { extra.append("\(t.malformedLines) malformed lines") }
        if !extra.isEmpty { out += extra.joined(separator: ", ") + ".\n" }
    }

    private static func cells(_ c: ReplayReport.Counts) -> [String] {
        [String(c.denied), String(c.mutated), String(c.warned), String(c.audited)]
    }

    private func table(_ title: String, _ header: [String], _ rows: [[String]], _ out: inout String) {
        let shown = Array(rows.prefix(maxRows))
        var widths = header.map(\.count)
        for row in shown {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var s = "  "
            for (i, cell) in cells.enumerated() {
                let gap = String(repeating: " ", count: widths[i] - cell.count)
                // First column left-aligned, counts right-aligned.
                s += i == 0 ? cell + gap : "  " + gap + cell
            }
            return s + "\n"
        }
        out += "\n\(title)\n"
        out += line(header)
        for row in shown { out += line(row) }
        if rows.count > shown.count { out += "  … and \(rows.count - shown.count) more (--format json lists all)\n" }
    }

    private func examples(_ title: String, _ groups: [ReplayReport.RuleExamples], _ out: inout String) {
        guard !groups.isEmpty else { return }
        out += "\n\(title)\n"
        for group in groups {
            out += "  \(group.rule) (\(group.total))\n"
            for e in group.examples {
                var flags: [String] = []
                if e.refusedByAPIServer { flags.append("refused by the API server") }
                if e.dryRun { flags.append("dry-run") }
                let flagText = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
                out += "    \(e.time.isEmpty ? "-" : e.time)  \(e.user)  \(e.object)\(flagText)\n"
                out += "      \(e.path.isEmpty ? "" : e.path + ": ")\(e.message)\n"
                out += "      audit ID \(e.auditID) at \(e.source)\n"
            }
            let more = group.total - group.examples.count
            if more > 0 { out += "    … and \(more) more\n" }
        }
    }

    private func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, 7 - s.count)) + s
    }

    /// `12.3 MB`: decimal units, as `ls -h --si` and most dashboards show them.
    static func bytes(_ n: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(n) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
