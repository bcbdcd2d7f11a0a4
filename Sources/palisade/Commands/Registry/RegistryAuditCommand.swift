import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeImage
import PalisadeRegistry
import PalisadeReport

/// `palisade registry audit HOST[/REPO]`: transport and certificate, anonymous access, every
/// repository's tags, tags that moved since the last audit, signatures and stale tags. Wiring
/// only; the checks live in PalisadeRegistry's RegistryAuditor.
struct RegistryAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit a registry: TLS, anonymous access, moved tags, signatures, stale tags.",
        discussion: """
            Tag digests are remembered between audits (--history, default in the cache directory), so a tag \
            that moved since the previous audit is reported with both digests. Exit codes: 0, N with \
            --exit-code when findings remain, 2 when the registry cannot be audited.
            """)

    @Argument(help: ArgumentHelp("Registry host[:port], optionally with one repository.", valueName: "HOST[/REPO]"))
    var target: String

    @OptionGroup var registry: RegistryAccessOptions

    @Option(help: ArgumentHelp("Repositories walked at once.", valueName: "N"))
    var jobs = 8

    @Option(help: ArgumentHelp("Report tags whose image was built more than DAYS ago.", valueName: "DAYS"))
    var olderThan: Int?

    @Option(
        help: ArgumentHelp(
            "cosign public key (PEM, ECDSA P-256): signatures must verify with it, not merely exist.",
            valueName: "FILE"))
    var key: String?

    @Flag(
        help:
            "Also scan every tagged image's packages against the advisory database (--db) and report images with critical or high vulnerabilities."
    )
    var vulnerabilities = false

    @OptionGroup var database: DatabaseLocation

    @Option(help: ArgumentHelp("Tag history file (default: <cache>/registry-tags.json).", valueName: "FILE"))
    var history: String?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    static var catalog: RuleCatalog { RuleCatalog(RegistryRules.all) }

    func validate() throws {
        guard jobs > 0, jobs <= 64 else { throw ValidationError("--jobs must be between 1 and 64") }
        if let olderThan, olderThan < 0 { throw ValidationError("--older-than must not be negative") }
        try filterOptions.validateRuleIds(against: Self.catalog)
    }

    func run() async throws {
        let ignores = try filterOptions.loadIgnoresOrExit()
        let result: RegistryAuditResult
        let clientConfiguration: RegistryClient.Configuration
        let (host, repository) = Self.split(target)
        do {
            guard RegistryReference.isHost(host),
                repository.map({ RegistryReference.parse(host + "/" + $0) != nil }) ?? true
            else {
                throw RegistryError(.badInput, "\(target): not HOST[:PORT] or HOST[:PORT]/REPOSITORY")
            }
            let image = RegistryReference(registry: host, repository: repository ?? "", tag: nil, digest: nil)
            // Read once: --password-stdin consumes standard input.
            clientConfiguration = try registry.clientConfiguration(for: image)
            var options = RegistryAuditor.Options(
                host: image.apiHost, repository: repository, client: clientConfiguration,
                historyPath: history ?? DatabaseLocation.cacheDirectory(ProcessInfo.processInfo.environment)
                    + "/registry-tags.json")
            options.jobs = jobs
            options.olderThanDays = olderThan
            let line = ScanProgressLine.makeIfTerminal()
            if let line { options.progress = { done, total in line.show("auditing: \(done)/\(total) repositories") } }
            defer { line?.finish() }
            options.verifier = try key.map { path throws(RegistryError) in try CosignVerifier(pemFile: path) }
            result = try RegistryAuditor(options: options).run()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        var findings = result.findings
        if vulnerabilities { findings += try await vulnerableImages(result, clientConfiguration) }
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        let kept = filter.apply(findings.filter { filterOptions.selection.isEnabled($0.ruleId) })
        var report = ScanReport(
            toolVersion: Palisade.version, command: "registry audit", targets: [target], findings: [],
            rules: Self.catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)
        var notes = kept.notes
        notes.append(contentsOf: result.errors.map { "not audited: \($0)" })
        notes.append(contentsOf: Self.table(result.repositories))
        for note in notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.notes = notes
        report.suppressed = kept.suppressed
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
        // Nothing could be walked: the audit did not happen.
        if !result.errors.isEmpty && result.repositories.isEmpty { throw ExitCode(2) }
    }

    /// `HOST[:PORT][/REPOSITORY]` → its two parts.
    static func split(_ target: String) -> (host: String, repository: String?) {
        guard let slash = target.firstIndex(of: "/") else { return (target, nil) }
        return (String(target[..<slash]), String(target[target.index(after: slash)...]))
    }

    /// Scans each distinct image's packages (no secrets, no config checks) and reports those with
    /// critical or high vulnerabilities, once per tag pointing at them.
    func vulnerableImages(_ result: RegistryAuditResult, _ configuration: RegistryClient.Configuration) async throws
        -> [Finding]
    {
        let host = Self.split(target).host
        var options = try VulnerabilityOptions.parse(["--db", database.resolved])
        options.dbMaxAge = 0
        var byDigest: [String: (critical: Int, high: Int, total: Int, ids: [String])] = [:]
        var out: [Finding] = []
        for image in result.images {
            let reference = "\(host)/\(image.repository):\(image.tag)"
            if byDigest[image.repository + "@" + image.digest] == nil {
                let pinned = RegistryReference(
                    registry: host, repository: image.repository, tag: nil, digest: image.digest)
                let packages: ImageScanResult
                do {
                    let client = RegistryClient(host: pinned.apiHost, configuration: configuration)
                    let source = RegistryImageSource(image: pinned, reference: reference, client: client)
                    let scanner = try ImageScanner(
                        options: ImageScanOptions(
                            platform: .host, limits: LayerScanLimits(), scanSecrets: false, catalogPackages: true,
                            checkConfiguration: false, jobs: 0))
                    packages = try await scanner.scan(source)
                } catch {
                    StandardStreams.error("note: \(reference): not scanned for vulnerabilities: \(error)")
                    continue
                }
                let scan = try VulnerabilityScan.run(
                    packages: packages.packages, os: packages.os, target: reference, inImage: true, options: options,
                    required: true)
                let severities = scan.findings.map(\.severity)
                let worst = scan.findings.filter { $0.severity >= .high }.compactMap(\.vulnerability?.id)
                byDigest[image.repository + "@" + image.digest] = (
                    severities.filter { $0 == .critical }.count, severities.filter { $0 == .high }.count,
                    scan.findings.count, Array(Set(worst)).sorted()
                )
            }
            guard let counts = byDigest[image.repository + "@" + image.digest], counts.critical + counts.high > 0
            else { continue }
            out.append(
                Finding(
                    rule: RegistryRules.vulnerableImage,
                    message: "\(reference) (\(image.digest)): \(counts.critical) critical and \(counts.high) high of "
                        + "\(counts.total) vulnerabilities, e.g. \(counts.ids.prefix(5).joined(separator: ", ")).",
                    object: nil, location: Location(file: reference, line: 0, column: 0, path: "vulnerabilities")))
        }
        return out
    }

    /// One line per repository: tags, signed, unsigned, moved, stale, anonymous pull.
    static func table(_ rows: [RepositoryAudit]) -> [String] {
        guard !rows.isEmpty else { return ["no repositories"] }
        let width = max(10, rows.map(\.repository.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("REPOSITORY", width) + "  TAGS  SIGNED  UNSIGNED  MOVED  STALE  ANONYMOUS"]
        for r in rows {
            lines.append(
                pad(r.repository, width) + "  " + pad("\(r.tags)", 4) + "  " + pad("\(r.signed)", 6) + "  "
                    + pad("\(r.unsigned)", 8) + "  " + pad("\(r.moved)", 5) + "  " + pad("\(r.stale)", 5) + "  "
                    + (r.anonymousPull ? "pull" : "-"))
        }
        return lines
    }
}
