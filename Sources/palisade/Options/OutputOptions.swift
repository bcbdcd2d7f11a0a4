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

    /// Opens the destination and picks the reporter. On an unwritable `--output`, prints one line and exits 2.
    func makeWriter(frame: ScanReport) throws -> ReportWriter {
        try Self.makeWriter(format: format, output: output, noColor: noColor, frame: frame)
    }

    /// The same for commands with a format option of their own (`paths` adds picture formats).
    static func makeWriter(format: ReportFormat, output: String?, noColor: Bool, frame: ScanReport) throws
        -> ReportWriter
    {
        let color = StandardStreams.wantsColor(noColorFlag: noColor, writingToFile: output != nil)
        do {
            return try ReportWriter(
                reporter: format.reporter(style: ReportStyle(color: color), rules: frame.rules), output: output,
                dropsStreamsFromReport: output == nil && (format == .table || format == .markdown), frame: frame)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}
