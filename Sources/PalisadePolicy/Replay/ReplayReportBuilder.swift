import PalisadeFormats

/// Where a replayed request was recorded, carried next to it until its decision is tallied.
public struct ReplayEventInfo: Sendable, Hashable {
    public var time: String
    public var responseCode: Int?
    /// `file:line`.
    public var source: String

    public init(time: String, responseCode: Int?, source: String) {
        self.time = time
        self.responseCode = responseCode
        self.source = source
    }

    /// The API server refused the request itself (authorization, validation, another webhook).
    public var refusedByAPIServer: Bool { (responseCode ?? 0) >= 400 }
}

/// Adds decisions to a `ReplayReport`: one request at a time, so the report's size depends on
/// the number of distinct rules, namespaces, workloads and users, never on the log's length.
struct ReplayReportBuilder {
    var report: ReplayReport

    init(policy: String, examplesPerRule: Int) {
        report = ReplayReport(policy: policy, examplesPerRule: examplesPerRule)
    }

    /// Tallies one replayed request and the policy's decision on it.
    mutating func record(_ request: AdmissionRequest, _ info: ReplayEventInfo, _ decision: AdmissionDecision) {
        report.totals.replayed += 1
        if info.refusedByAPIServer { report.totals.refusedByAPIServer += 1 }
        if request.dryRun { report.totals.dryRun += 1 }
        if let reason = decision.skippedBecause {
            report.totals.notEvaluated += 1
            report.notEvaluated[reason, default: 0] += 1
            return
        }
        var counts = ReplayReport.Counts()
        let object = Self.objectDisplay(request)
        let user = request.userInfo.username

        if !decision.allowed {
            counts.denied = 1
            report.totals.denied += 1
            var enforced = decision.verdicts.filter { $0.action == .enforce }
            if enforced.isEmpty {
                // Denied without an enforced verdict (e.g. an unreadable object): still a denial.
                enforced = [
                    .init(rule: "(policy)", action: .enforce, message: decision.message ?? "denied", path: "", fix: "")
                ]
            }
            var seen: Set<String> = []
            for verdict in enforced where seen.insert(verdict.rule).inserted {
                report.byRule[verdict.rule, default: .init()].denied += 1
                add(
                    to: \.denials, rule: verdict.rule,
                    example(request, info, object, verdict.rule, verdict.path, verdict.message))
            }
        }
        if !decision.patch.isEmpty {
            counts.mutated = 1
            report.totals.mutated += 1
            var byRule: [String: [String]] = [:]
            var order: [String] = []
            for op in decision.patch {
                if byRule[op.rule] == nil { order.append(op.rule) }
                byRule[op.rule, default: []].append(op.path)
            }
            for rule in order {
                report.byRule[rule, default: .init()].mutated += 1
                let paths = byRule[rule] ?? []
                add(
                    to: \.mutations, rule: rule,
                    example(
                        request, info, object, rule, paths.joined(separator: ", "), "would add \(paths.count) field(s)")
                )
            }
        }
        let warned = Set(decision.verdicts.filter { $0.action == .warn }.map(\.rule))
        let audited = Set(decision.verdicts.filter { $0.action == .audit }.map(\.rule))
        for rule in warned { report.byRule[rule, default: .init()].warned += 1 }
        for rule in audited { report.byRule[rule, default: .init()].audited += 1 }
        if !warned.isEmpty {
            counts.warned = 1
            report.totals.warned += 1
        }
        if !audited.isEmpty {
            counts.audited = 1
            report.totals.audited += 1
        }
        guard !counts.isEmpty else { return }
        report.byNamespace[request.namespace, default: .init()].add(counts)
        report.byWorkload[Self.workload(request), default: .init()].add(counts)
        report.byUser[user, default: .init()].add(counts)
    }

    private func example(
        _ request: AdmissionRequest, _ info: ReplayEventInfo, _ object: String, _ rule: String, _ path: String,
        _ message: String
    ) -> ReplayReport.Example {
        ReplayReport.Example(
            auditID: request.uid, time: info.time, user: request.userInfo.username, object: object, rule: rule,
            path: path, message: message, source: info.source, refusedByAPIServer: info.refusedByAPIServer,
            dryRun: request.dryRun)
    }

    private mutating func add(
        to list: WritableKeyPath<ReplayReport, [String: ReplayReport.RuleExamples]>, rule: String,
        _ example: ReplayReport.Example
    ) {
        let cap = report.examplesPerRule
        report[keyPath: list][rule, default: .init(rule: rule)].total += 1
        if report[keyPath: list][rule]!.examples.count < cap {
            report[keyPath: list][rule]!.examples.append(example)
        }
    }

    /// `Kind namespace/name`; objects created with `generateName` have no name yet, so the
    /// prefix is shown with a `*`.
    static func objectDisplay(_ request: AdmissionRequest) -> String {
        let kind = request.kind.name.isEmpty ? request.resource.name : request.kind.name
        return ReplayReport.Workload(kind: kind, namespace: request.namespace, name: name(request)).display
    }

    static func name(_ request: AdmissionRequest) -> String {
        if !request.name.isEmpty { return request.name }
        if let prefix = request.object?["metadata"]?["generateName"]?.string, !prefix.isEmpty { return prefix + "*" }
        return "(unnamed)"
    }

    /// The controlling owner (`ownerReferences[controller=true]`) when there is one, else the
    /// object itself.
    static func workload(_ request: AdmissionRequest) -> ReplayReport.Workload {
        if let owners = request.object?["metadata"]?["ownerReferences"]?.items,
            let owner = owners.first(where: { $0["controller"]?.bool == true }),
            let kind = owner["kind"]?.string, let name = owner["name"]?.string
        {
            return .init(kind: kind, namespace: request.namespace, name: name)
        }
        let kind = request.kind.name.isEmpty ? request.resource.name : request.kind.name
        return .init(kind: kind, namespace: request.namespace, name: name(request))
    }
}

extension ReplayReport.Counts {
    mutating func add(_ other: Self) {
        denied += other.denied
        mutated += other.mutated
        warned += other.warned
        audited += other.audited
    }
}
