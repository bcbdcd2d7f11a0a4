import ArgumentParser
import PalisadeCore
import PalisadeReport
import PalisadeSeccomp

/// `palisade seccomp check FILE...`: grades profiles against the container runtime default.
struct SeccompCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade seccomp profiles against the container runtime default profile.",
        discussion: """
            Reports dangerous syscalls a profile allows that the baseline denies (ptrace, mount, unshare, bpf, \
            keyctl, kexec_load, open_by_handle_at, userfaultfd, perf_event_open, …), argument conditions it drops, \
            other syscalls beyond the baseline, unknown syscall names and architectures, actions runtimes cannot \
            load, SCMP_ACT_ALLOW and SCMP_ACT_LOG default actions, and allow-lists the container runtime cannot \
            start under. Profiles are read for one architecture and a container with Docker's default \
            capabilities, on any kernel (rules Docker enables from a minKernel on count only with --kernel).
            """)

    @Argument(help: ArgumentHelp("Profiles: Docker/OCI JSON or Security Profiles Operator objects.", valueName: "FILE"))
    var files: [String]

    @OptionGroup var reading: SeccompReadingOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        try filterOptions.validateRuleIds(against: RuleCatalog(SeccompRules.all))
    }

    func run() throws {
        let grader = try reading.grader()
        let catalog = RuleCatalog(SeccompRules.all)
        let ignores = try filterOptions.loadIgnoresOrExit()
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var report = ScanReport(
            toolVersion: Palisade.version, command: "seccomp check", targets: files, findings: [], rules: catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)
        var findings: [Finding] = []
        for file in files {
            let profile = try SeccompProfileLoading.load(file)
            findings += grader.grade(profile, file: file).filter { filterOptions.selection.isEnabled($0.ruleId) }
        }
        let kept = filter.apply(findings)
        for note in kept.notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.notes = kept.notes
        report.suppressed = kept.suppressed
        report.fileCount = files.count
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }
}
