import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeImage
import PalisadeKube
import PalisadeReport
import PalisadeSeccomp

/// `palisade k8s PATH...`: scans Kubernetes manifests. Wiring only: discovery, scanner,
/// filter and reporter all live in the libraries.
struct K8sCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Scan Kubernetes manifests (YAML or JSON files, directories, or - for stdin).",
        discussion: """
            Directories are searched recursively for .yaml, .yml and .json files. Each unreadable or invalid \
            input is reported as FILE:LINE:COL: reason on stderr; the other inputs are still scanned, and the \
            exit code is 2. Dockerfiles found in scanned directories are checked too (see 'palisade dockerfile'; \
            --no-dockerfiles turns this off). Findings can be silenced per object with the annotation \
            palisade.dev/ignore: "RULE-ID,RULE-ID", or with an ignore file (see --ignorefile).
            """)

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @Option(
        name: .customLong("pss-version"),
        help: ArgumentHelp("Pod Security Standards version: v1.0 … v1.37 or latest.", valueName: "VERSION"))
    var pssVersion = "latest"

    @Option(
        name: .customLong("allowed-registries"),
        help: ArgumentHelp(
            "Registries images may come from (comma list or repeated; host or host/prefix).", valueName: "LIST"))
    var allowedRegistries: [String] = []

    @Option(
        name: .customLong("seccomp-dir"),
        help: ArgumentHelp(
            "A kubelet seccomp directory (a copy of /var/lib/kubelet/seccomp): judge the Localhost profiles pods use.",
            valueName: "DIR"))
    var seccompDir: String?

    @Flag(name: .customLong("no-dockerfiles"), help: "Do not check Dockerfiles found in scanned directories.")
    var noDockerfiles = false

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        guard PodSecurityVersion(pssVersion) != nil else {
            throw ValidationError(
                "invalid --pss-version '\(pssVersion)'; use v1.0 … v1.\(PodSecurityVersion.newestMinor) or latest")
        }
        try filterOptions.validateRuleIds(against: RuleCatalog(KubeRuleSet.builtIn.allMetadata + DockerfileRules.all))
    }

    func run() async throws {
        // Dockerfiles in the scanned directory trees are linted into the same report.
        let dockerfiles = noDockerfiles ? [] : paths.filter(Self.isDirectory).flatMap(DockerfileDiscovery.find(in:))
        let catalog = RuleCatalog(KubeRuleSet.builtIn.allMetadata + (dockerfiles.isEmpty ? [] : DockerfileRules.all))
        let ignores = try filterOptions.loadIgnoresOrExit()

        let (inputs, discoveryErrors) = ManifestDiscovery.expand(paths)
        var localhostProfiles: LocalhostProfiles?
        if let seccompDir {
            do {
                localhostProfiles = try LocalhostProfiles.load(directory: seccompDir, grader: ProfileGrader())
            } catch {
                StandardStreams.error("palisade: error: \(error)")
                throw ExitCode(2)
            }
        }
        let context = RuleContext(
            podSecurityVersion: PodSecurityVersion(pssVersion) ?? .latest,
            allowedRegistries: CommaList.split(allowedRegistries), localhostProfiles: localhostProfiles)
        let scanner = KubeScanner(
            options: KubeScanOptions(
                context: context, selection: filterOptions.selection, severities: filterOptions.severities))
        let filter = FindingFilter(
            severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())

        var report = ScanReport(
            toolVersion: Palisade.version, command: "k8s", targets: paths, findings: [], rules: catalog.rules)
        let writer = try outputOptions.makeWriter(frame: report)

        // Errors and notes go to stderr as they happen, one line each.
        var errors = discoveryErrors
        var notes = filter.apply([]).notes
        if inputs.isEmpty, discoveryErrors.isEmpty, dockerfiles.isEmpty {
            notes.insert("no manifests (.yaml, .yml, .json) found in \(paths.joined(separator: ", "))", at: 0)
        }
        for error in errors { StandardStreams.error(error.description) }
        for note in notes { StandardStreams.error("note: \(note)") }

        let streaming = writer.streaming
        await scanner.scan(
            inputs,
            process: { batch in
                // In the scanning task: filter and render, so this work is spread over the cores too.
                let kept = filter.apply(batch.findings)
                var rest = batch
                rest.findings = []
                return (rest, kept.suppressed, ReportWriter.prepare(kept.findings, with: streaming))
            },
            consume: { (batch: KubeScanResult, suppressed: Int, prepared: ReportWriter.Batch) in
                for error in batch.errors { StandardStreams.error(error.description) }
                for note in batch.notes { StandardStreams.error("note: \(note)") }
                errors.append(contentsOf: batch.errors)
                notes.append(contentsOf: batch.notes)
                report.workloads.append(contentsOf: batch.workloads)
                report.objectCount += batch.objectCount
                report.fileCount += batch.fileCount
                report.suppressed += suppressed + batch.suppressedByAnnotation
                writer.add(prepared)
            })

        if !dockerfiles.isEmpty {
            let scanned = DockerfileFileScanner(selection: filterOptions.selection).scan(dockerfiles)
            let kept = filter.apply(scanned.findings)
            for error in scanned.errors { StandardStreams.error(error.description) }
            errors += scanned.errors
            report.suppressed += kept.suppressed
            report.fileCount += dockerfiles.count - scanned.errors.count
            writer.add(ReportWriter.prepare(kept.findings, with: streaming))
        }

        report.errors = errors
        report.notes = notes
        try writer.finish(report)

        if !errors.isEmpty { throw ExitCode(2) }
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
