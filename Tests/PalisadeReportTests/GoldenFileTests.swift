import Foundation
import PalisadeReport
import Testing

/// Every format rendered from `SampleReport.report` must equal its golden file byte for byte.
///
/// To regenerate after an intended change, run
/// `PALISADE_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` and review the diff of
/// `Tests/Fixtures/golden/` before committing. Files are never rewritten without that variable.
@Suite struct GoldenFileTests {
    static let cases: [(ReportFormat, String)] = [
        (.table, "report.txt"), (.json, "report.json"), (.sarif, "report.sarif"), (.junit, "report.xml"),
        (.markdown, "report.md"),
    ]

    @Test(arguments: cases)
    func matchesGolden(format: ReportFormat, file: String) throws {
        let output = format.reporter(style: ReportStyle(color: false)).render(SampleReport.report)
        let url = FixturePaths.golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["PALISADE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: FixturePaths.golden, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: url)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(output == golden, "\(file) differs; rerun with PALISADE_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test(arguments: ReportFormat.allCases)
    func renderingIsDeterministic(format: ReportFormat) {
        let reporter = format.reporter()
        #expect(reporter.render(SampleReport.report) == reporter.render(SampleReport.report))
    }
}
