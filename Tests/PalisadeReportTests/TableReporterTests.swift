import PalisadeCore
import PalisadeReport
import Testing

@Suite struct TableReporterTests {
    @Test func noColourMeansNoEscapeBytes() {
        var report = SampleReport.report
        // Even text from a hostile manifest cannot smuggle escapes into the terminal.
        report.findings[0].message = "evil \u{1B}[2J\u{1B}]0;title\u{07} message \u{9B}31m"
        let output = TableReporter(style: ReportStyle(color: false)).render(report)
        #expect(!output.utf8.contains(0x1B))
        #expect(!output.unicodeScalars.contains("\u{9B}"))
        #expect(!output.unicodeScalars.contains("\u{07}"))
    }

    @Test func colourWhenAsked() {
        let output = TableReporter(style: ReportStyle(color: true)).render(SampleReport.report)
        #expect(output.contains("\u{1B}[31mHIGH"))
        #expect(output.contains("\u{1B}[1;31mCRITICAL"))
        #expect(output.contains("\u{1B}[33mMEDIUM"))
        #expect(output.contains("\u{1B}[34mLOW"))
        #expect(output.contains("\u{1B}[2mINFO"))
    }

    @Test func containsEverythingAboutAFinding() {
        let output = TableReporter().render(SampleReport.report)
        #expect(output.contains("deploy/web.yaml\n  Deployment/prod/web\n"))
        #expect(output.contains("HIGH      K8S-PSS-PRIVILEGED  Container runs privileged"))
        #expect(output.contains("deploy/web.yaml:21:25  spec.template.spec.containers[0].securityContext.privileged"))
        #expect(output.contains("container \"web\" sets securityContext.privileged: true"))
        #expect(output.contains("Fix: Remove securityContext.privileged or set it to false."))
        #expect(output.contains("  ClusterRoleBinding/ops-admins\n"))
    }

    @Test func groupedByFileThenObject() {
        let output = TableReporter().render(SampleReport.report)
        // Each file header appears once, in report order.
        let headers = output.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        #expect(Array(headers.prefix(4)) == ["<stdin>", "deploy/jobs dir/worker.yaml", "deploy/web.yaml", "rbac.yaml"])
        #expect(output.components(separatedBy: "  Deployment/prod/web\n").count == 2)
    }

    @Test func summary() {
        let output = TableReporter().render(SampleReport.report)
        #expect(output.contains("Summary: 7 findings (1 critical, 1 high, 2 medium, 2 low, 1 info)"))
        #expect(output.contains("Scanned 6 objects in 5 files; 2 suppressed."))
        #expect(output.contains("Pod Security: 2 restricted, 1 baseline, 1 privileged"))
        #expect(output.contains("Notes:\n  - ignore entry for K8S-IMAGE-LATEST"))
        #expect(output.contains("Errors (1):\n  deploy/broken.yaml:7:3: mapping values are not allowed here"))
    }

    @Test func cleanReport() {
        let output = TableReporter().render(SampleReport.clean)
        #expect(output.hasPrefix("No findings.\n"))
        #expect(output.contains("Summary: 0 findings"))
        #expect(!output.contains("Pod Security:"))
    }

    @Test func fitsIn100Columns() {
        var report = SampleReport.report
        report.findings[0].message = String(repeating: "a long message that keeps going ", count: 12)
        report.findings[0].remediation = String(repeating: "do this and then that ", count: 12)
        let output = TableReporter().render(report)
        for line in output.split(separator: "\n") {
            #expect(line.count <= 100, "too wide: \(line)")
        }
    }
}
