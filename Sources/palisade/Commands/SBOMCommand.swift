import ArgumentParser
import Foundation
import PalisadeImage
import PalisadeSBOM

/// `palisade sbom`: write an image's SBOM (the default, `palisade sbom REF`) or scan an SBOM
/// file for vulnerabilities (`palisade sbom scan FILE`).
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Write an image's software bill of materials, or scan an SBOM file for vulnerabilities.",
        subcommands: [SBOMGenerateCommand.self, SBOMScanCommand.self],
        defaultSubcommand: SBOMGenerateCommand.self)
}

/// `palisade sbom [generate] REF`: the package inventory of an image's merged filesystem as
/// CycloneDX 1.6 or SPDX 2.3 JSON. Wiring only.
struct SBOMGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the software bill of materials of an image (CycloneDX 1.6 or SPDX 2.3 JSON).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case cyclonedx, spdx
    }

    @OptionGroup var source: ImageSourceOptions

    @Option(help: "SBOM format: cyclonedx or spdx.")
    var format: Format = .cyclonedx

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write to FILE instead of stdout (atomically).", valueName: "FILE"))
    var output: String?

    func run() async throws {
        let result = try await source.scan(source.scanOptions(secrets: false, packages: true, configuration: false))
        for note in result.notes { StandardStreams.error("note: \(note)") }
        let created =
            ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map {
                Date(timeIntervalSince1970: $0)
            } ?? Date()
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let document = SBOMDocument(
            subjectName: source.reference, subjectDigest: result.manifestDigest ?? result.configDigest, os: result.os,
            packages: result.packages, toolName: "palisade", toolVersion: Palisade.version,
            created: formatter.string(from: created))
        let bytes = format == .cyclonedx ? CycloneDXWriter.write(document) : SPDXWriter.write(document)
        let sink: ReportSink
        do {
            sink = try ReportSink(output: output)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        sink.write(bytes)
        do { try sink.commit() } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        StandardStreams.error("note: \(ImageCommand.summary(result))")
    }
}
