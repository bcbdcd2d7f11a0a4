import ArgumentParser
import PalisadeCore
import PalisadeImage
import PalisadeReport

/// `palisade dockerfile PATH...`: lints Dockerfiles. Wiring only: discovery, parser, rules and
/// reporters live in the libraries.
struct DockerfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockerfile",
        abstract: "Check Dockerfiles (files, directories, or - for stdin) for security and hygiene problems.",
        discussion: """
            Directories are searched recursively for Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile. \
            BuildKit syntax is understood: heredocs, # escape=, --mount flags, multi-stage builds. The directory \
            of each Dockerfile is taken as its build context for the .dockerignore check \
            (<Dockerfile>.dockerignore, then .dockerignore). Each unreadable or unparsable file is reported as \
            FILE:LINE: reason on stderr; the others are still checked, and the exit code is 2.
            """)

    @Argument(help: ArgumentHelp("Dockerfiles or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        try filterOptions.validateRuleIds(against: RuleCatalog(DockerfileRules.all))
    }

    func run() throws {
        let catalog = RuleCatalog(DockerfileRules.all)
        let ignores = try filterOptions.loadIgnoresOrExit()
        let (inputs, discoveryErrors) = DockerfileDiscovery.expand(paths)
        let filter = FindingFilter(
            severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var report = ScanReport(
            toolVersion: Palisade.version, command: "dockerfile", targets: paths, findings: [], rules: catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)

        let scanned = DockerfileFileScanner(selection: filterOptions.selection).scan(inputs)
        let errors = discoveryErrors + scanned.errors
        let kept = filter.apply(scanned.findings)
        var notes = kept.notes
        if inputs.isEmpty, discoveryErrors.isEmpty {
            notes.insert("no Dockerfiles (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile) found", at: 0)
        }
        for error in errors { StandardStreams.error(error.description) }
        for note in notes { StandardStreams.error("note: \(note)") }

        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.errors = errors
        report.notes = notes
        report.suppressed = kept.suppressed
        report.fileCount = inputs.count - scanned.errors.count
        try writer.finish(report)

        if !errors.isEmpty { throw ExitCode(2) }
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }
}
