import ArgumentParser
import PalisadeCore
import PalisadePolicy

/// `palisade admission replay --policy FILE AUDIT_LOG...`: runs the create/update/patch requests
/// recorded in Kubernetes audit logs through a candidate policy and reports what `enforce` would
/// have denied and what the mutating webhook would have changed, before anyone switches it on.
/// Wiring only; the replay lives in PalisadePolicy's `AuditLogReplayer`.
struct AdmissionReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay audit logs through a policy: what would have been denied or mutated.",
        discussion: """
            AUDIT_LOG files are Kubernetes API server audit logs (JSON lines, audit.k8s.io/v1 events), plain or \
            gzip-compressed (rotated files), or - for standard input. Requests need the Request audit level \
            (RequestResponse for patch). Exit codes: 0, N with --exit-code when enforce would have denied \
            something, 2 when a log or the policy cannot be read. See docs/admission-replay.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @Argument(help: ArgumentHelp("Audit log files (plain or .gz; - for stdin).", valueName: "AUDIT_LOG"))
    var logs: [String] = []

    @Option(
        help: ArgumentHelp(
            "Policy file to try (default: the policy `palisade admission manifests` installs).", valueName: "FILE"))
    var policy: String?

    @Option(
        help: ArgumentHelp(
            "Namespace manifests (e.g. `kubectl get ns -o yaml`) for their Pod Security labels (default: the policy's namespaces.file).",
            valueName: "FILE"))
    var namespaces: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(
        name: .customLong("exit-code"),
        help: ArgumentHelp("Exit with N when enforce would have denied any request (default 0).", valueName: "N"))
    var exitCode: Int32 = 0

    @Option(help: ArgumentHelp("Requests listed per rule.", valueName: "N"))
    var examples = 20

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("give at least one AUDIT_LOG file (or - for stdin)") }
        guard logs.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("- (stdin) can be given only once") }
        guard (0...255).contains(exitCode) else {
            throw ValidationError("--exit-code must be between 0 and 255, got \(exitCode)")
        }
        guard examples >= 0 else { throw ValidationError("--examples must not be negative") }
    }

    func run() async throws {
        let report: ReplayReport
        do {
            let loaded: AdmissionPolicy
            if let policy {
                loaded = try AdmissionPolicy.load(path: policy)
            } else {
                loaded = try AdmissionPolicy.parse(DefaultAdmissionPolicy.yaml, file: "(default policy)")
            }
            // Namespace labels pick each namespace's Pod Security levels; Namespace creates and
            // updates in the logs refine them as the replay goes.
            let controller = AdmissionController(policy: loaded)
            if let file = namespaces ?? loaded.namespacesFile { try controller.namespaces.load(path: file) }
            var options = AuditLogReplayer.Options()
            options.examplesPerRule = examples
            var replayer = AuditLogReplayer(
                controller: controller, policyName: policy ?? "the default policy", options: options)
            for path in logs { try replayer.replay(path: path) }
            report = replayer.finish()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        let notes = Self.notes(report)
        for note in notes { StandardStreams.error("note: \(note)") }
        switch format {
        case .table: StandardStreams.output(ReplayTableRenderer().render(report))
        case .json: StandardStreams.output(ReplayJSONRenderer.render(report, notes: notes))
        }
        if report.wouldDeny, exitCode != 0 { throw ExitCode(exitCode) }
    }

    /// What the user should do about requests that could not be replayed.
    static func notes(_ report: ReplayReport) -> [String] {
        var notes: [String] = []
        if let n = report.skipped[.metadataLevel] {
            notes.append(
                "\(n) create/update/patch request\(n == 1 ? " was" : "s were") logged at Metadata level, with no "
                    + "object to check: raise the audit policy level to Request (RequestResponse for patch) for "
                    + "the resources you want to replay")
        }
        if let n = report.skipped[.patchWithoutResult] {
            notes.append(
                "\(n) patch request\(n == 1 ? " was" : "s were") logged without the patched object: a patch alone "
                    + "cannot be checked; log patches at RequestResponse level")
        }
        if report.totals.replayed == 0 && report.totals.skipped == 0 {
            notes.append("no create/update/patch requests found in \(report.totals.lines) lines")
        }
        return notes
    }
}
