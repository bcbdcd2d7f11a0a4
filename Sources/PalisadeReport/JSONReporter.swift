import PalisadeCore

/// The `json` format: Palisade's own, versioned report shape, documented in `docs/json-schema.md`
/// and `docs/palisade-report-v1.schema.json`. Fields may be added in minor versions, never removed
/// or renamed. Every documented key is always present; absent values are `null`.
public struct JSONReporter: StreamingReporter {
    /// Version of the JSON shape (semantic versioning; bump minor when adding fields).
    public static let schemaVersion = "1.2.0"

    /// The fixed parts of each rule's findings, rendered once for the whole run.
    private let prerendered: [String: RuleChunks]

    public init() { prerendered = [:] }

    /// With the rule catalog, each rule's fixed JSON is rendered once instead of once per batch.
    public init(rules: [RuleMetadata]) {
        var chunks: [String: RuleChunks] = [:]
        for rule in rules {
            chunks[rule.id] = RuleChunks(
                ruleId: rule.id, severity: rule.severity, title: rule.title, remediation: rule.remediation,
                frameworks: rule.frameworks)
        }
        prerendered = chunks
    }

    public var separators: ReportFragment.Separators {
        ReportFragment.Separators(first: [0x0A], sameGroup: [0x2C, 0x0A], newGroup: [0x2C, 0x0A])
    }

    /// The findings, each as an element of the top-level `findings` array (indented two levels).
    public func fragment(_ findings: [Finding]) -> ReportFragment {
        guard !findings.isEmpty else { return ReportFragment() }
        var out: [UInt8] = []
        out.reserveCapacity(findings.count * 1024)
        var cache = prerendered
        for (i, finding) in findings.enumerated() {
            if i > 0 { out.append(contentsOf: [0x2C, 0x0A]) }
            // The parts a rule decides (title, remediation, frameworks) are rendered once per
            // rule; only message, object and location are rendered per finding. Same bytes as
            // `finding.jsonValue.write(to:indent: 2)`, which a test checks.
            var chunks = cache[finding.ruleId]
            if chunks == nil || !chunks!.matches(finding) {
                chunks = RuleChunks(
                    ruleId: finding.ruleId, severity: finding.severity, title: finding.title,
                    remediation: finding.remediation, frameworks: finding.frameworks)
                cache[finding.ruleId] = chunks
            }
            out.append(contentsOf: chunks!.before)
            JSONValue.writeString(finding.message, to: &out)
            out.append(contentsOf: Self.objectKey)
            if let object = finding.object {
                out.append(contentsOf: Self.apiVersionKey)
                JSONValue.writeString(object.apiVersion, to: &out)
                out.append(contentsOf: Self.kindKey)
                JSONValue.writeString(object.kind, to: &out)
                out.append(contentsOf: Self.namespaceKey)
                if let namespace = object.namespace {
                    JSONValue.writeString(namespace, to: &out)
                } else {
                    out.append(contentsOf: Self.null)
                }
                out.append(contentsOf: Self.nameKey)
                JSONValue.writeString(object.name, to: &out)
                out.append(contentsOf: Self.closeObject)
            } else {
                out.append(contentsOf: Self.null)
            }
            out.append(contentsOf: Self.locationKey)
            JSONValue.writeString(finding.location.file, to: &out)
            out.append(contentsOf: Self.lineKey)
            out.append(contentsOf: String(finding.location.line).utf8)
            out.append(contentsOf: Self.columnKey)
            out.append(contentsOf: String(finding.location.column).utf8)
            out.append(contentsOf: Self.pathKey)
            JSONValue.writeString(finding.location.path, to: &out)
            if let layer = finding.location.layer {
                out.append(contentsOf: Self.layerKey)
                JSONValue.writeString(layer, to: &out)
            }
            if let presence = finding.location.presence {
                out.append(contentsOf: Self.presenceKey)
                JSONValue.writeString(presence.rawValue, to: &out)
            }
            out.append(contentsOf: Self.closeObject)
            if let evidence = finding.evidence {
                out.append(contentsOf: Self.evidenceKey)
                JSONValue.writeString(evidence, to: &out)
            }
            if let vulnerability = finding.vulnerability {
                out.append(contentsOf: Self.vulnerabilityKey)
                vulnerability.jsonValue.write(to: &out, indent: 3)
            }
            out.append(contentsOf: chunks!.after)
        }
        return ReportFragment(sections: [ReportFragment.Section(key: "", body: out)])
    }

    // Pieces of a finding's object and location, written directly (same bytes as JSONValue's
    // pretty printer at this depth, which the golden test pins).
    private static let objectKey = Array(",\n      \"object\": ".utf8)
    private static let apiVersionKey = Array("{\n        \"apiVersion\": ".utf8)
    private static let kindKey = Array(",\n        \"kind\": ".utf8)
    private static let namespaceKey = Array(",\n        \"namespace\": ".utf8)
    private static let nameKey = Array(",\n        \"name\": ".utf8)
    private static let locationKey = Array(",\n      \"location\": {\n        \"file\": ".utf8)
    private static let lineKey = Array(",\n        \"line\": ".utf8)
    private static let columnKey = Array(",\n        \"column\": ".utf8)
    private static let pathKey = Array(",\n        \"path\": ".utf8)
    private static let layerKey = Array(",\n        \"layer\": ".utf8)
    private static let presenceKey = Array(",\n        \"presence\": ".utf8)
    private static let evidenceKey = Array(",\n      \"evidence\": ".utf8)
    private static let vulnerabilityKey = Array(",\n      \"vulnerability\": ".utf8)
    private static let closeObject = Array("\n      }".utf8)
    private static let null = Array("null".utf8)

    /// A finding's JSON up to the message value, and from the remediation on.
    private struct RuleChunks {
        let severity: Severity
        let title: String
        let remediation: String
        let frameworks: FrameworkMappings
        let before: [UInt8]
        let after: [UInt8]

        init(ruleId: String, severity: Severity, title: String, remediation: String, frameworks: FrameworkMappings) {
            self.severity = severity
            self.title = title
            self.remediation = remediation
            self.frameworks = frameworks
            var b = Array("    {\n      \"ruleId\": ".utf8)
            JSONValue.writeString(ruleId, to: &b)
            b.append(contentsOf: Array(",\n      \"severity\": ".utf8))
            JSONValue.writeString(severity.rawValue, to: &b)
            b.append(contentsOf: Array(",\n      \"title\": ".utf8))
            JSONValue.writeString(title, to: &b)
            b.append(contentsOf: Array(",\n      \"message\": ".utf8))
            before = b
            var a = Array(",\n      \"remediation\": ".utf8)
            JSONValue.writeString(remediation, to: &a)
            a.append(contentsOf: Array(",\n      \"frameworks\": ".utf8))
            frameworks.jsonValue.write(to: &a, indent: 3)
            a.append(contentsOf: Array("\n    }".utf8))
            after = a
        }

        func matches(_ f: Finding) -> Bool {
            f.severity == severity && f.title == title && f.remediation == remediation && f.frameworks == frameworks
        }
    }

    /// The document up to the opening bracket of `findings`.
    public func head(_ report: ScanReport) -> [UInt8] {
        let (head, _) = frame(report)
        return head
    }

    public func tail(_ report: ScanReport, wroteFindings: Bool) -> [UInt8] {
        let (_, rest) = frame(report)
        return (wroteFindings ? Array("\n  ]".utf8) : [0x5D]) + rest
    }

    /// The document with an empty `findings` array, cut just inside the brackets. The marker is
    /// unambiguous: string values never contain a raw newline.
    private func frame(_ report: ScanReport) -> (head: [UInt8], rest: [UInt8]) {
        var empty = report
        empty.findings = []
        let bytes = Array(document(empty).serialized().utf8)
        let marker = Array("\n  \"findings\": [".utf8)
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i] == 0x0A, Array(bytes[i..<(i + marker.count)]) == marker {
                let open = i + marker.count
                // `[]`: skip the closing bracket, the tail writes its own.
                return (Array(bytes[..<open]), Array(bytes[(open + 1)...]))
            }
            i += 1
        }
        return (bytes, [])
    }

    /// The report as an ordered JSON value (keys in documented order).
    public func document(_ report: ScanReport) -> JSONValue {
        .object([
            ("schemaVersion", .string(Self.schemaVersion)),
            ("tool", .object([("name", .string("palisade")), ("version", .string(report.toolVersion))])),
            ("command", .string(report.command)),
            ("targets", .strings(report.targets)),
            // Findings before the summary: the report streams straight to its destination and the
            // counts are only known at the end.
            ("findings", .array(report.findings.map(\.jsonValue))),
            ("summary", summary(report)),
            ("workloads", .array(report.workloads.map(\.jsonValue))),
            ("errors", .array(report.errors.map(\.jsonValue))),
            ("notes", .strings(report.notes)),
        ])
    }

    private func summary(_ report: ScanReport) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("total", .int(report.totalFindings))]
        for (severity, count) in report.countsBySeverity {
            pairs.append((severity.rawValue.lowercased(), .int(count)))
        }
        pairs.append(("objects", .int(report.objectCount)))
        pairs.append(("files", .int(report.fileCount)))
        pairs.append(("suppressed", .int(report.suppressed)))
        pairs.append(("errors", .int(report.errors.count)))
        pairs.append(
            ("podSecurity", .object(report.podSecurityCounts.map { ($0.0.rawValue, .int($0.1)) })))
        return .object(pairs)
    }
}

extension Finding {
    /// One entry of the JSON `findings` array.
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ruleId", .string(ruleId)),
            ("severity", .string(severity.rawValue)),
            ("title", .string(title)),
            ("message", .string(message)),
            ("object", object.map(\.jsonValue) ?? .null),
            ("location", location.jsonValue),
        ]
        if let evidence { pairs.append(("evidence", .string(evidence))) }
        if let vulnerability { pairs.append(("vulnerability", vulnerability.jsonValue)) }
        pairs.append(("remediation", .string(remediation)))
        pairs.append(("frameworks", frameworks.jsonValue))
        return .object(pairs)
    }
}

extension VulnerabilityDetails {
    /// `{id, aliases, package, ecosystem, installedVersion, fixedVersion, purl, …}`: the shape
    /// issue 4 documents, plus the match explanation; absent values are `null`.
    public var jsonValue: JSONValue {
        .object([
            ("id", .string(id)),
            ("aliases", .strings(aliases)),
            ("package", .string(package)),
            ("ecosystem", .string(ecosystem)),
            ("installedVersion", .string(installedVersion)),
            ("fixedVersion", .string(fixedVersion)),
            ("purl", .string(purl)),
            ("matchedName", .string(matchedName)),
            ("cvssScore", cvssScore.map { .double($0) } ?? .null),
            ("cvssVector", .string(cvssVector)),
            ("explanation", .string(explanation)),
            ("link", .string(link)),
            ("vexStatus", .string(vexStatus)),
        ])
    }
}

extension ObjectReference {
    /// `{apiVersion, kind, namespace, name}`; `namespace` is `null` for cluster-scoped objects
    /// and for namespaced objects whose manifest does not set it.
    public var jsonValue: JSONValue {
        .object([
            ("apiVersion", .string(apiVersion)),
            ("kind", .string(kind)),
            ("namespace", .string(namespace)),
            ("name", .string(name)),
        ])
    }
}

extension Location {
    /// `{file, line, column, path}`, plus `layer` and `presence` for image findings.
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("line", .int(line)),
            ("column", .int(column)),
            ("path", .string(path)),
        ]
        if let layer { pairs.append(("layer", .string(layer))) }
        if let presence { pairs.append(("presence", .string(presence.rawValue))) }
        return .object(pairs)
    }
}

extension FrameworkMappings {
    /// `{pss, cis, nsa, mitre, nist}`; `pss` is `null` unless the rule is a Pod Security Standards control.
    public var jsonValue: JSONValue {
        .object([
            (
                "pss",
                pss.map { .object([("level", .string($0.level.rawValue)), ("control", .string($0.control))]) }
                    ?? .null
            ),
            ("cis", .strings(cis)),
            ("nsa", .strings(nsa)),
            ("mitre", .strings(mitre)),
            ("nist", .strings(nist.map(\.rawValue))),
        ])
    }
}

extension WorkloadPosture {
    /// `{object, file, line, podSecurityLevel}`.
    public var jsonValue: JSONValue {
        .object([
            ("object", object.jsonValue),
            ("file", .string(file)),
            ("line", .int(line)),
            ("podSecurityLevel", .string(podSecurityLevel.rawValue)),
        ])
    }
}

extension InputError {
    /// `{file, line, column, message}`; `line`/`column` are `null` when the problem has no position.
    public var jsonValue: JSONValue {
        .object([
            ("file", .string(file)),
            ("line", .int(line)),
            ("column", .int(column)),
            ("message", .string(reason)),
        ])
    }
}
