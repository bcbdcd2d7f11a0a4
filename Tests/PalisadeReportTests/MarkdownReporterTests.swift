import PalisadeCore
import Testing

@testable import PalisadeReport

@Suite struct MarkdownReporterTests {
    @Test func summaryAndSections() {
        let md = MarkdownReporter().render(SampleReport.report)
        #expect(md.hasPrefix("## Palisade: 7 findings\n"))
        #expect(md.contains("| Severity | Findings |\n|---|---:|\n| CRITICAL | 1 |\n| HIGH | 1 |\n| MEDIUM | 2 |"))
        #expect(md.contains("Pod Security: 2 restricted, 1 baseline, 1 privileged."))
        #expect(md.contains("| Severity | Rule | Object | Location | Message |"))
        #expect(md.contains("### Remediation"))
        #expect(md.contains("#### `K8S-PSS-PRIVILEGED` Container runs privileged"))
        #expect(md.contains("**Fix:** Remove securityContext.privileged or set it to false."))
        // Only rules that fired get a remediation entry.
        #expect(!md.contains("K8S-PSS-HOST-PATH"))
        #expect(md.contains("### Notes"))
        #expect(md.contains("### Errors\n\n- `deploy/broken.yaml:7:3`: mapping values are not allowed here"))
    }

    @Test func everyTableRowHasFiveCells() {
        let md = MarkdownReporter().render(SampleReport.report)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("`K8S-") }
        #expect(rows.count == 7)
        for row in rows {
            // Count unescaped pipes: 6 delimiters for 5 cells.
            var pipes = 0
            var previous: Character = " "
            for ch in row {
                if ch == "|" && previous != "\\" { pipes += 1 }
                previous = ch
            }
            #expect(pipes == 6, "\(row)")
        }
    }

    @Test func pipesAndHTMLAreEscaped() {
        let md = MarkdownReporter().render(SampleReport.report)
        #expect(md.contains("uses image \"proxy:latest\" \\| tag &lt;latest&gt; &amp; co |"))
        #expect(TextEscaping.markdownCell("a|b\nc<d>") == "a\\|b c&lt;d&gt;")
        #expect(TextEscaping.markdownCode("x|y", inTable: true) == "`x\\|y`")
        #expect(TextEscaping.markdownCode("a`b", inTable: false) == "``a`b``")
    }

    @Test func cleanReport() {
        let md = MarkdownReporter().render(SampleReport.clean)
        #expect(md.hasPrefix("## Palisade: no findings\n"))
        #expect(md.contains("No findings."))
        #expect(!md.contains("### Findings"))
    }

    @Test func longReportsAreCapped() {
        var report = SampleReport.report
        report.findings = Array(repeating: report.findings[0], count: 250)  // the LOW stdin finding
        let md = MarkdownReporter(maxFindingRows: 100).render(report)
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("| LOW | `K8S") }.count == 100)
        #expect(md.contains("150 more findings not shown"))
    }
}
