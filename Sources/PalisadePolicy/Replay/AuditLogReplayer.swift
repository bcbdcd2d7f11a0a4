import PalisadeCore
import PalisadeFormats

/// Replays the create/update/patch requests recorded in Kubernetes audit logs through a policy
/// and builds a `ReplayReport`. One pass, one line at a time: lines of other verbs are dismissed by
/// a byte scan, only candidate lines are parsed, and each request is decided once (see
/// `AuditStageDeduplicator`), by the same `AdmissionController` the webhook runs.
public struct AuditLogReplayer {
    public struct Options: Sendable {
        /// Examples listed per rule (denials and mutations).
        public var examplesPerRule = 20
        /// Malformed lines quoted in the report.
        public var malformedExamples = 5
        /// Longer lines are counted as malformed and skipped.
        public var maxLineBytes = 16 << 20
        /// Reuse the decision of an identical earlier request (see `ReplayDecisionMemo`).
        public var memoizeDecisions = true

        public init() {}
    }

    public let controller: AdmissionController
    public let options: Options
    private var builder: ReplayReportBuilder
    private var stages = AuditStageDeduplicator()
    private var memo = ReplayDecisionMemo()
    /// `managedFields` can be half of an object's bytes and no rule reads it.
    private let parser = JSONTreeParser(skippingKeys: ["managedFields"])

    /// `policyName` is how the report names the policy (its file).
    public init(controller: AdmissionController, policyName: String, options: Options = Options()) {
        self.controller = controller
        self.options = options
        builder = ReplayReportBuilder(policy: policyName, examplesPerRule: options.examplesPerRule)
    }

    /// Replays one file (`-` for standard input), plain or gzip. Throws only when the file cannot
    /// be read at all or its compression is corrupt; bad lines are counted instead.
    public mutating func replay(path: String) throws(InputError) {
        let reader = AuditLogReader(maxLineBytes: options.maxLineBytes)
        let stats = try reader.forEachLine(path: path) { line in consume(line, file: path) }
        builder.report.inputs.append(.init(name: path, gzip: stats.gzip, bytes: stats.bytes, lines: stats.lines))
        builder.report.totals.lines += stats.lines
        builder.report.totals.bytes += stats.bytes
    }

    /// Decides the requests still waiting for a later stage and returns the report.
    public mutating func finish() -> ReplayReport {
        for held in stages.drain() { decide(held.request, held.event) }
        var report = builder.report
        report.totals.requests = report.totals.replayed + report.totals.skipped
        return report
    }

    /// Handles one line of `file`.
    mutating func consume(_ line: AuditLogLine, file: String) {
        if line.overlong {
            malformed(file, line.number, nil, "line longer than \(options.maxLineBytes) bytes")
            return
        }
        switch AuditLinePrefilter.classify(line.bytes) {
        case .otherVerb:
            builder.report.totals.otherVerbEvents += 1
            return
        case .notAnObject:
            if !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                malformed(file, line.number, nil, "not a JSON object")
            }
            return
        case .candidate: break
        }
        let node: YAMLNode
        do {
            node = try parser.parse(line.bytes, file: file)
        } catch {
            malformed(file, line.number, error.column, error.reason)
            return
        }
        let source = "\(file):\(line.number)"
        // Webhook-backend batches (`EventList`) land in files too when shipped verbatim.
        if node["kind"]?.string == "EventList", let items = node["items"]?.items {
            for item in items {
                if let event = AuditEvent(item) { handle(event, source: source) }
            }
            return
        }
        guard let event = AuditEvent(node) else {
            malformed(file, line.number, nil, "not an audit event (no auditID or verb)")
            return
        }
        handle(event, source: source)
    }

    private mutating func handle(_ event: AuditEvent, source: String) {
        let outcome = AuditEventRequest.convert(event)
        if case .otherVerb = outcome {
            builder.report.totals.otherVerbEvents += 1
            return
        }
        builder.report.totals.mutatingEvents += 1
        let id = event.auditID
        if stages.isFinished(id) {
            builder.report.totals.duplicateStages += 1
            return
        }
        let info = ReplayEventInfo(
            time: event.requestReceivedTimestamp, responseCode: event.responseCode, source: source)
        if event.isEarlyStage {
            // A later stage follows (or the audit policy omits it); hold a usable request until
            // then, and otherwise let the later stage speak for the request.
            if case .request(let request) = outcome, !stages.isPending(id) {
                for released in stages.hold(request, info) { decide(released.request, released.event) }
            } else {
                builder.report.totals.duplicateStages += 1
            }
            return
        }
        let held = stages.finish(id)
        switch outcome {
        case .request(let request):
            if held != nil { builder.report.totals.duplicateStages += 1 }
            decide(request, info)
        case .skipped(let reason):
            if let held {
                builder.report.totals.duplicateStages += 1
                decide(held.request, held.event)
            } else {
                builder.report.totals.skipped += 1
                builder.report.skipped[reason, default: 0] += 1
            }
        case .otherVerb: break
        }
    }

    private mutating func decide(_ request: AdmissionRequest, _ info: ReplayEventInfo) {
        // As the cluster runs them: the mutating webhook's patch first, then validation.
        let controller = self.controller
        let decision =
            options.memoizeDecisions
            ? memo.decision(for: request) { controller.decide($0, mode: .mutateThenValidate) }
            : controller.decide(request, mode: .mutateThenValidate)
        builder.record(request, info, decision)
    }

    private mutating func malformed(_ file: String, _ line: Int, _ column: Int?, _ reason: String) {
        builder.report.totals.malformedLines += 1
        guard builder.report.malformedExamples.count < options.malformedExamples else { return }
        let at = column.map { "\(line):\($0)" } ?? "\(line)"
        builder.report.malformedExamples.append("\(file):\(at): \(reason)")
    }
}
