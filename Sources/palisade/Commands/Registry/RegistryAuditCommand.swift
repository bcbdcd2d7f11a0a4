import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeRegistry
import PalisadeReport

/// `palisade registry audit HOST[/REPO]`: transport and certificate, anonymous access, every
/// repository's tags, tags that moved since the last audit, signatures and stale tags. Wiring
/// only; the checks live in PalisadeRegistry's RegistryAuditor.
struct RegistryAuditCommand: ParsableCommand {
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

    func run() throws {
        let ignores = try filterOptions.loadIgnoresOrExit()
        let result: RegistryAuditResult
        do {
            let slash = target.firstIndex(of: "/")
            let host = slash.map { String(target[..<$0]) } ?? target
            let repository = slash.map { String(target[target.index(after: $0)...]) }
            guard RegistryReference.isHost(host),
                repository.map({ RegistryReference.parse(host + "/" + $0) != nil }) ?? true
            else {
                throw RegistryError(.badInput, "\(target): not HOST[:PORT] or HOST[:PORT]/REPOSITORY")
            }
            let image = RegistryReference(registry: host, repository: repository ?? "", tag: nil, digest: nil)
            var options = RegistryAuditor.Options(
                host: image.apiHost, repository: repository, client: try registry.clientConfiguration(for: image),
                historyPath: history ?? DatabaseLocation.cacheDirectory(ProcessInfo.processInfo.environment)
                    + "/registry-tags.json")
            options.jobs = jobs
            options.olderThanDays = olderThan
            options.verifier = try key.map { path throws(RegistryError) in try CosignVerifier(pemFile: path) }
            result = try RegistryAuditor(options: options).run()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        let kept = filter.apply(result.findings.filter { filterOptions.selection.isEnabled($0.ruleId) })
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
