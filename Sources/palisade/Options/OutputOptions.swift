import ArgumentParser
import PalisadeReport

extension ReportFormat: ExpressibleByArgument {}

/// How and where a report is written; shared by every scanning command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Report format: table, json, sarif, junit or markdown.")
    var format: ReportFormat = .table

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write the report to FILE instead of stdout (atomically: the file is complete or untouched).",
            valueName: "FILE"))
    var output: String?

    @Flag(name: .customLong("no-color"), help: "Never use ANSI colours (also: NO_COLOR environment variable).")
    var noColor = false

    /// Renders `report` and writes it to stdout or `--output`. On a write failure, prints one line and exits 2.
    func emit(_ report: ScanReport) throws {
        var report = report
        if output == nil, format == .table || format == .markdown {
            // Errors and notes already went to stderr, one line each; a human reading the terminal
            // should not see them twice, and scripts reading stdout should get only the report.
            report.errors = []
            report.notes = []
        }
        let color = StandardStreams.wantsColor(noColorFlag: noColor, writingToFile: output != nil)
        let text = format.reporter(style: ReportStyle(color: color)).render(report)
        guard let output else {
            StandardStreams.output(text)
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}
