import ArgumentParser
import PalisadeCore
import PalisadeKube
import PalisadeReport

/// `palisade rbac escalations PATH...`: privilege-escalation paths of the subjects the manifests
/// bind, as findings (RBAC-ESC-*) in any report format, with the usual filters and exit codes.
struct RBACEscalationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations",
        abstract: "Report privilege-escalation paths of bound subjects (RBAC-ESC-* findings, chain spelled out).",
        discussion: """
            For every subject of a binding in the manifests, its effective permissions (built-in roles and \
            aggregation included) are checked cluster-wide and in each namespace with RoleBindings: creating \
            workloads (run as any service account), reading secrets (service-account tokens), bind/escalate, \
            impersonate, serviceaccounts/token, nodes/proxy, CSR create + approve, exec/attach into pods whose \
            service account holds more, admission webhook configuration writes, and PersistentVolume create \
            (hostPath).
            """)

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var policyOptions: RBACPolicyOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        try filterOptions.validateRuleIds(against: RuleCatalog(RBACEscalations.rules))
    }

    func run() async throws {
        let ignores = try filterOptions.loadIgnoresOrExit()
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var report = ScanReport(
            toolVersion: Palisade.version, command: "rbac escalations", targets: paths, findings: [],
            rules: RBACEscalations.rules)
        let writer = try outputOptions.makeWriter(frame: report)
        let (policy, objects) = try policyOptions.loadPolicyAndObjects(paths)
        let selection = filterOptions.selection
        let found = RBACEscalations(policy: policy, objects: objects).findings().filter {
            selection.isEnabled($0.ruleId)
        }
        let kept = filter.apply(found)
        for note in kept.notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.notes = kept.notes + policy.issues.map(\.description)
        report.suppressed = kept.suppressed
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }
}
