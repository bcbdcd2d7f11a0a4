import ArgumentParser
import PalisadeCore
import PalisadeImage
import PalisadeRegistry
import PalisadeReport
import PalisadeSecrets

/// `palisade image REF`: secrets in every layer (fossils included), risky configuration and the
/// package inventory, from one streaming pass over the image. Wiring only.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Scan a container image for secrets (in every layer) and risky configuration.",
        discussion: """
            Reads OCI layouts and archives, docker save archives and local Docker/Podman daemons without running \
            them. Secrets that a later layer deleted are still in the image and are reported as presence \
            "removed". Exit codes: 0, N with --exit-code when findings remain, 2 when the image cannot be read.
            """)

    @OptionGroup var source: ImageSourceOptions

    @Option(
        help: ArgumentHelp(
            "Analyzers to run (comma list): secret, config, sbom (the package inventory), vuln (known-vulnerable "
                + "packages; needs the advisory database). Default: all (vuln only when the database exists).",
            valueName: "LIST"))
    var scanners: [String] = []

    @OptionGroup var vulnerabilityOptions: VulnerabilityOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    static let scannerNames = ["secret", "config", "sbom", "vuln"]

    static var catalog: RuleCatalog { RuleCatalog(SecretRules.all + ImageHygieneRules.all + RegistryRules.all) }

    var enabledScanners: Set<String> {
        let names = CommaList.split(scanners).map { $0.lowercased() }
        return names.isEmpty ? Set(Self.scannerNames) : Set(names)
    }

    func validate() throws {
        for name in enabledScanners where !Self.scannerNames.contains(name) {
            throw ValidationError("unknown scanner '\(name)'; use secret, config, sbom or vuln")
        }
        try filterOptions.validateRuleIds(against: Self.catalog)
    }

    func run() async throws {
        let ignores = try filterOptions.loadIgnoresOrExit()
        let scanners = enabledScanners
        let result = try await source.scan(
            source.scanOptions(
                secrets: scanners.contains("secret"), packages: scanners.contains("sbom") || scanners.contains("vuln"),
                configuration: scanners.contains("config")))
        var vulnerabilities = VulnerabilityScan()
        if scanners.contains("vuln") {
            vulnerabilities = try VulnerabilityScan.run(
                packages: result.packages, os: result.os, target: source.reference, inImage: true,
                options: vulnerabilityOptions, required: !CommaList.split(self.scanners).isEmpty)
        }

        let selection = filterOptions.selection
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var transport: [Finding] = []
        if let host = source.plainHTTPHost {
            transport.append(RegistryRules.plainHTTPFinding(reference: source.reference, host: host))
        }
        let selected = (transport + result.findings + vulnerabilities.findings).filter {
            selection.isEnabled($0.ruleId)
        }
        let kept = filter.apply(selected)
        var report = ScanReport(
            toolVersion: Palisade.version, command: "image", targets: [source.reference], findings: [],
            rules: Self.catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)
        var notes = kept.notes + result.notes + vulnerabilities.notes
        notes.append(Self.summary(result))
        if vulnerabilityOptions.showSuppressed { notes += vulnerabilities.suppressedLines }
        for line in vulnerabilities.explanations { StandardStreams.error(line) }
        for note in notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings.sortedForImage(), with: writer.streaming))
        report.notes = notes
        report.suppressed = kept.suppressed + vulnerabilities.suppressed.count
        report.fileCount = result.fileCount
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }

    static func summary(_ r: ImageScanResult) -> String {
        let bytes = r.layers.reduce(Int64(0)) { $0 + $1.uncompressedSize }
        var text = "\(r.reference): \(r.layers.count) layers, \(r.fileCount) files, \(bytes / 1_048_576) MiB unpacked"
        if let d = r.manifestDigest ?? r.configDigest { text += ", \(d.prefix(19))" }
        if let os = r.os { text += ", \(os.prettyName ?? os.id)" }
        if !r.packages.isEmpty { text += ", \(r.packages.count) packages" }
        return text
    }
}

extension Array where Element == Finding {
    /// Image report order: layer, then path, then line; config findings first.
    func sortedForImage() -> [Finding] {
        sorted { a, b in
            let la = a.location.layer ?? ""
            let lb = b.location.layer ?? ""
            if (la.isEmpty) != (lb.isEmpty) { return la.isEmpty }
            if a.location.path != b.location.path { return a.location.path < b.location.path }
            if a.location.line != b.location.line { return a.location.line < b.location.line }
            if la != lb { return la < lb }
            return a.ruleId < b.ruleId
        }
    }
}
