import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeReport
import PalisadeSBOM

/// `palisade sbom scan FILE`: vulnerabilities of the packages an SBOM lists (CycloneDX or SPDX
/// JSON, written by Palisade, Syft, Trivy or others), without the image. Wiring only.
struct SBOMScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a CycloneDX or SPDX JSON SBOM for known-vulnerable packages.",
        discussion:
            "Exit codes: 0, N with --exit-code when findings remain, 2 when the SBOM or database cannot be read.")

    @Argument(help: ArgumentHelp("CycloneDX or SPDX JSON file (`-` for stdin).", valueName: "FILE"))
    var file: String

    @OptionGroup var vulnerabilityOptions: VulnerabilityOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func run() async throws {
        let ignores = try filterOptions.loadIgnoresOrExit()
        let data: Data?
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: file)
        }
        guard let data else { VulnerabilityScan.fail("cannot read \(file)") }
        let sbom: ReadSBOM
        do {
            sbom = try data.withUnsafeBytes { bytes throws(SBOMReadError) in
                try SBOMDocumentReader.read(bytes, file: file)
            }
        } catch let error as SBOMReadError {
            VulnerabilityScan.fail(error.description)
        } catch {
            VulnerabilityScan.fail("\(file): \(error)")
        }
        let vulnerabilities = try VulnerabilityScan.run(
            packages: sbom.packages, os: sbom.os, target: file, inImage: false, options: vulnerabilityOptions,
            required: true)
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        let kept = filter.apply(vulnerabilities.findings.filter { filterOptions.selection.isEnabled($0.ruleId) })
        var report = ScanReport(
            toolVersion: Palisade.version, command: "sbom scan", targets: [file], findings: [], rules: [])
        let writer = try outputOptions.makeWriter(frame: report)
        var notes = kept.notes + vulnerabilities.notes
        let format = sbom.format == .cycloneDX ? "CycloneDX" : "SPDX"
        var summary = "\(file): \(format) \(sbom.specVersion), \(sbom.packages.count) packages"
        if let os = sbom.os { summary += ", \(os.prettyName ?? [os.id, os.versionID ?? ""].joined(separator: " "))" }
        if sbom.skipped > 0 {
            summary += "; \(sbom.skipped) components skipped (no usable purl), e.g. \(sbom.skippedExample ?? "?")"
        }
        notes.append(summary)
        if vulnerabilityOptions.showSuppressed { notes += vulnerabilities.suppressedLines }
        for line in vulnerabilities.explanations { StandardStreams.error(line) }
        for note in notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings.sortedForImage(), with: writer.streaming))
        report.notes = notes
        report.suppressed = kept.suppressed + vulnerabilities.suppressed.count
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }
}
