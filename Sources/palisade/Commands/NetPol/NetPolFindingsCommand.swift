import ArgumentParser
import PalisadeCore
import PalisadeKube
import PalisadeReport

/// `palisade netpol findings PATH...` (alias `lint`): the NETPOL-* findings through the usual reporters.
struct NetPolFindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "Report workloads reachable from anywhere, internet egress, missing default-deny, and bad policies.",
        aliases: ["lint"])

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        try filterOptions.validateRuleIds(against: RuleCatalog(NetworkFindingRules.all))
    }

    func run() throws {
        let catalog = RuleCatalog(NetworkFindingRules.all)
        let ignores = try filterOptions.loadIgnoresOrExit()
        let filter = FindingFilter(
            severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var report = ScanReport(
            toolVersion: Palisade.version, command: "netpol findings", targets: paths, findings: [],
            rules: catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)
        let reachability = try NetPolInputs.load(paths)
        let selection = filterOptions.selection
        let kept = filter.apply(reachability.findings().filter { selection.isEnabled($0.ruleId) })
        for note in kept.notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.notes = kept.notes
        report.suppressed = kept.suppressed
        report.objectCount = reachability.model.endpoints.count + reachability.model.policies.count
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }
}
