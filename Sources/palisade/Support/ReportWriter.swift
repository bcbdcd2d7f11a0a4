import ArgumentParser
import PalisadeCore
import PalisadeReport

/// Writes one report while a scan runs. Streaming formats (table, JSON) take rendered
/// fragments as batches finish, so memory stays bounded; the others collect findings and
/// render once at the end.
final class ReportWriter {
    let reporter: any Reporter
    /// Set for formats rendered batch by batch.
    let streaming: (any StreamingReporter)?
    private let sink: ReportSink
    private var assembler: ReportFragmentAssembler?
    private var collected: [Finding] = []
    /// Counts of every finding reported so far.
    private(set) var totals = FindingTotals()
    /// Errors and notes already went to stderr; a terminal reader should not see them twice.
    private let dropsStreamsFromReport: Bool

    /// - Parameter frame: the report without findings, for a head written before any finding.
    init(reporter: any Reporter, output: String?, dropsStreamsFromReport: Bool, frame: ScanReport)
        throws(ReportSink.WriteError)
    {
        self.reporter = reporter
        self.streaming = reporter as? any StreamingReporter
        self.sink = try ReportSink(output: output)
        self.dropsStreamsFromReport = dropsStreamsFromReport
        if let streaming {
            assembler = ReportFragmentAssembler(separators: streaming.separators)
            sink.write(streaming.head(frame))
        }
    }

    /// What a scanning task hands over for one batch: findings already rendered for streaming
    /// formats, or the findings themselves for the others.
    struct Batch: Sendable {
        var fragment: ReportFragment?
        var findings: [Finding]
        var totals: FindingTotals
    }

    /// Runs in the scanning task (in parallel): renders when the format streams.
    static func prepare(_ findings: [Finding], with streaming: (any StreamingReporter)?) -> Batch {
        let totals = FindingTotals(findings)
        if let streaming { return Batch(fragment: streaming.fragment(findings), findings: [], totals: totals) }
        return Batch(fragment: nil, findings: findings, totals: totals)
    }

    /// Takes batches in report order.
    func add(_ batch: Batch) {
        totals.merge(batch.totals)
        if let fragment = batch.fragment, var assembler {
            assembler.append(fragment) { sink.write($0) }
            self.assembler = assembler
        } else {
            collected.append(contentsOf: batch.findings)
        }
    }

    /// Writes the rest of the report and puts the file in place. On failure prints one line and exits 2.
    func finish(_ frame: ScanReport) throws {
        var report = frame
        if dropsStreamsFromReport {
            report.errors = []
            report.notes = []
        }
        if let streaming {
            report.findings = []
            report.streamedTotals = totals
            sink.write(streaming.tail(report, wroteFindings: assembler?.wroteAny ?? false))
        } else {
            collected.sortForReport()
            report.findings = collected
            sink.write(reporter.render(report))
        }
        do {
            try sink.commit()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}
