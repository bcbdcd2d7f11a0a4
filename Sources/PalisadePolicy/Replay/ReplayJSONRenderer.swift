import PalisadeFormats

/// The report as JSON for scripts and CI (`--format json`): every group, not just the top rows.
/// Keys are stable; groups come worst first, as in the table.
public enum ReplayJSONRenderer {
    public static func render(_ report: ReplayReport, notes: [String] = []) -> String {
        let t = report.totals
        let root: JSON = .object([
            ("policy", .string(report.policy)),
            (
                "inputs",
                .array(
                    report.inputs.map {
                        .object([
                            ("file", .string($0.name)), ("gzip", .bool($0.gzip)), ("bytes", .int(Int($0.bytes))),
                            ("lines", .int($0.lines)),
                        ])
                    })
            ),
            (
                "totals",
                .object([
                    ("lines", .int(t.lines)), ("bytes", .int(Int(t.bytes))), ("malformedLines", .int(t.malformedLines)),
                    ("otherVerbEvents", .int(t.otherVerbEvents)), ("mutatingEvents", .int(t.mutatingEvents)),
                    ("duplicateStages", .int(t.duplicateStages)), ("requests", .int(t.requests)),
                    ("replayed", .int(t.replayed)), ("skipped", .int(t.skipped)),
                    ("notEvaluated", .int(t.notEvaluated)),
                    ("denied", .int(t.denied)), ("mutated", .int(t.mutated)), ("warned", .int(t.warned)),
                    ("audited", .int(t.audited)), ("refusedByAPIServer", .int(t.refusedByAPIServer)),
                    ("dryRun", .int(t.dryRun)),
                ])
            ),
            (
                "skipped",
                .array(
                    ReplayReport.ordered(report.skipped).map {
                        .object([
                            ("reason", .string($0.key.rawValue)), ("count", .int($0.count)),
                            ("explanation", .string($0.key.explanation)),
                        ])
                    })
            ),
            (
                "notEvaluated",
                .array(
                    ReplayReport.ordered(report.notEvaluated).map {
                        .object([("reason", .string($0.key)), ("count", .int($0.count))])
                    })
            ),
            ("malformedExamples", .array(report.malformedExamples.map { .string($0) })),
            ("byRule", .array(ReplayReport.rows(report.byRule).map { row([("rule", .string($0.key))], $0.counts) })),
            (
                "byNamespace",
                .array(ReplayReport.rows(report.byNamespace).map { row([("namespace", .string($0.key))], $0.counts) })
            ),
            (
                "byWorkload",
                .array(
                    ReplayReport.rows(report.byWorkload).map {
                        row(
                            [
                                ("kind", .string($0.key.kind)), ("namespace", .string($0.key.namespace)),
                                ("name", .string($0.key.name)),
                            ], $0.counts)
                    })
            ),
            ("byUser", .array(ReplayReport.rows(report.byUser).map { row([("user", .string($0.key))], $0.counts) })),
            ("denials", .array(ReplayReport.ordered(report.denials).map(ruleExamples))),
            ("mutations", .array(ReplayReport.ordered(report.mutations).map(ruleExamples))),
            ("notes", .array(notes.map { .string($0) })),
        ])
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        root.write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private static func row(_ keys: [(String, JSON)], _ counts: ReplayReport.Counts) -> JSON {
        .object(
            keys + [
                ("denied", .int(counts.denied)), ("mutated", .int(counts.mutated)), ("warned", .int(counts.warned)),
                ("audited", .int(counts.audited)),
            ])
    }

    private static func ruleExamples(_ group: ReplayReport.RuleExamples) -> JSON {
        .object([
            ("rule", .string(group.rule)), ("total", .int(group.total)),
            (
                "examples",
                .array(
                    group.examples.map {
                        .object([
                            ("auditID", .string($0.auditID)), ("time", .string($0.time)), ("user", .string($0.user)),
                            ("object", .string($0.object)), ("path", .string($0.path)),
                            ("message", .string($0.message)),
                            ("source", .string($0.source)), ("refusedByAPIServer", .bool($0.refusedByAPIServer)),
                            ("dryRun", .bool($0.dryRun)),
                        ])
                    })
            ),
        ])
    }
}

/// A JSON value with ordered keys, written indented (two spaces) so diffs of reports stay readable.
private indirect enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case bool(Bool)

    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(0x7B)
            for (i, (key, value)) in pairs.enumerated() {
                out.append(contentsOf: i == 0 ? [0x0A] : [0x2C, 0x0A])
                Self.pad(&out, indent + 2)
                JSONWriter.appendString(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out, indent: indent + 2)
            }
            out.append(0x0A)
            Self.pad(&out, indent)
            out.append(0x7D)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                out.append(contentsOf: i == 0 ? [0x0A] : [0x2C, 0x0A])
                Self.pad(&out, indent + 2)
                item.write(to: &out, indent: indent + 2)
            }
            out.append(0x0A)
            Self.pad(&out, indent)
            out.append(0x5D)
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        }
    }

    private static func pad(_ out: inout [UInt8], _ n: Int) {
        out.append(contentsOf: repeatElement(0x20, count: n))
    }
}
