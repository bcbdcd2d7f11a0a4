import PalisadeCore

/// The `sarif` format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// One run; `tool.driver.rules` holds a descriptor per rule of the report (so `ruleIndex` is
/// always valid), results carry a physical location (file, line, column) and a logical one
/// (the Kubernetes object and field path), and `partialFingerprints` that do not depend on
/// line numbers, so an alert survives edits above it.
public struct SARIFReporter: Reporter {
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// Key of Palisade's fingerprint in `partialFingerprints`; bump the suffix if the recipe changes.
    public static let fingerprintKey = "palisadeFinding/v1"

    public init() {}

    public func render(_ report: ScanReport) -> String {
        document(report).serialized()
    }

    public func document(_ report: ScanReport) -> JSONValue {
        let rules = report.ruleDescriptors
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
        let run: JSONValue = .object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string(ToolInfo.name)),
                            ("version", .string(report.toolVersion)),
                            ("rules", .array(rules.map(descriptor))),
                        ])
                    )
                ])
            ),
            ("invocations", .array([invocation(report)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(report.findings.map { result($0, ruleIndex: ruleIndex[$0.ruleId] ?? 0) })),
            (
                "properties",
                .object([
                    ("command", .string(report.command)),
                    ("targets", .strings(report.targets)),
                    ("objects", .int(report.objectCount)),
                    ("files", .int(report.fileCount)),
                    ("suppressed", .int(report.suppressed)),
                    ("podSecurity", .object(report.podSecurityCounts.map { ($0.0.rawValue, .int($0.1)) })),
                ])
            ),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    // MARK: Rules

    private func descriptor(_ rule: RuleMetadata) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(Self.pascalCase(rule.title))),
            ("shortDescription", .object([("text", .string(rule.title))])),
            ("fullDescription", .object([("text", .string(rule.why))])),
            ("help", .object([("text", .string(helpText(rule))), ("markdown", .string(helpMarkdown(rule)))])),
        ]
        if let uri = rule.references.first {
            pairs.append(("helpUri", .string(uri)))
        }
        pairs.append(("defaultConfiguration", .object([("level", .string(rule.severity.sarifLevel))])))
        pairs.append(
            (
                "properties",
                .object([
                    ("tags", .strings(Self.tags(rule))),
                    ("security-severity", .string(rule.severity.securitySeverityScore)),
                    ("severity", .string(rule.severity.rawValue)),
                    ("category", .string(rule.category)),
                    ("frameworks", rule.frameworks.jsonValue),
                ])
            ))
        return .object(pairs)
    }

    private func helpText(_ rule: RuleMetadata) -> String {
        var text = "\(rule.why)\n\nRemediation: \(rule.remediation)"
        if !rule.references.isEmpty {
            text += "\n\nReferences:\n" + rule.references.map { "- \($0)" }.joined(separator: "\n")
        }
        return text
    }

    private func helpMarkdown(_ rule: RuleMetadata) -> String {
        var text = "**\(TextEscaping.markdownText(rule.title))** (\(rule.severity.rawValue))\n\n"
        text += TextEscaping.markdownText(rule.why) + "\n\n"
        text += "**Remediation:** " + TextEscaping.markdownText(rule.remediation)
        if !rule.references.isEmpty {
            text += "\n\n**References:**\n\n" + rule.references.map { "- <\($0)>" }.joined(separator: "\n")
        }
        return text
    }

    /// Code-scanning tags: `security`, the category, and one tag per framework mapping.
    static func tags(_ rule: RuleMetadata) -> [String] {
        var tags = ["security", rule.category]
        let f = rule.frameworks
        if let pss = f.pss { tags.append("pss-\(pss.level.rawValue)") }
        tags += f.cis.map { "cis-\($0)" }
        tags += f.mitre.map { "mitre-\($0)" }
        tags += f.nist.map { "nist-800-190-\($0.rawValue)" }
        var seen: Set<String> = []
        return tags.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// `Container runs privileged` -> `ContainerRunsPrivileged` (SARIF `name` is an identifier).
    static func pascalCase(_ title: String) -> String {
        var out = ""
        var upperNext = true
        for ch in title {
            if ch.isLetter || ch.isNumber {
                out.append(upperNext ? Character(ch.uppercased()) : ch)
                upperNext = false
            } else {
                upperNext = true
            }
        }
        return out
    }

    // MARK: Results

    private func result(_ f: Finding, ruleIndex: Int) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ruleId", .string(f.ruleId)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(f.severity.sarifLevel)),
            ("message", .object([("text", .string(f.message))])),
        ]
        var location: [(String, JSONValue)] = [("physicalLocation", physicalLocation(f.location))]
        let logical = logicalLocations(f)
        if !logical.isEmpty { location.append(("logicalLocations", .array(logical))) }
        pairs.append(("locations", .array([.object(location)])))
        pairs.append(("partialFingerprints", .object([(Self.fingerprintKey, .string(Self.fingerprint(f)))])))
        var properties: [(String, JSONValue)] = [("severity", .string(f.severity.rawValue))]
        if let layer = f.location.layer {
            properties.append(("image", .string(f.location.file)))
            properties.append(("layer", .string(layer)))
        }
        if let presence = f.location.presence { properties.append(("presence", .string(presence.rawValue))) }
        if let evidence = f.evidence { properties.append(("evidence", .string(evidence))) }
        pairs.append(("properties", .object(properties)))
        return .object(pairs)
    }

    private func physicalLocation(_ l: Location) -> JSONValue {
        // Image findings: the artifact is the file inside the image (what trivy reports too);
        // configuration findings have no file and point at the image reference.
        if l.layer != nil || l.line == 0 {
            let inImage = l.path.hasPrefix("/") ? String(l.path.dropFirst()) : l.file
            var pairs: [(String, JSONValue)] = [
                ("artifactLocation", .object([("uri", .string(TextEscaping.fileURI(inImage)))]))
            ]
            if l.line > 0 {
                pairs.append(
                    ("region", .object([("startLine", .int(l.line)), ("startColumn", .int(max(1, l.column)))])))
            }
            return .object(pairs)
        }
        return .object([
            ("artifactLocation", .object([("uri", .string(TextEscaping.fileURI(l.file)))])),
            (
                "region",
                .object([("startLine", .int(max(1, l.line))), ("startColumn", .int(max(1, l.column)))])
            ),
        ])
    }

    /// The object (`Deployment/prod/web`, kind `resource`) and, when known, the field inside it
    /// (`Deployment/prod/web#spec.template.spec.containers[0]…`, kind `property`).
    private func logicalLocations(_ f: Finding) -> [JSONValue] {
        var out: [JSONValue] = []
        let path = f.location.path
        if let object = f.object {
            out.append(
                .object([
                    ("name", .string(object.name)),
                    ("fullyQualifiedName", .string(object.displayName)),
                    ("kind", .string("resource")),
                ]))
            if !path.isEmpty {
                out.append(
                    .object([
                        ("name", .string(path)),
                        ("fullyQualifiedName", .string("\(object.displayName)#\(path)")),
                        ("kind", .string("property")),
                    ]))
            }
        } else if !path.isEmpty {
            out.append(
                .object([("name", .string(path)), ("fullyQualifiedName", .string(path)), ("kind", .string("property"))])
            )
        }
        return out
    }

    /// Stable across runs and line shifts: rule id, file, object (apiVersion, kind, namespace,
    /// name) and field path. The file is included so identical object names in separate manifest
    /// trees (e.g. `dev/` and `prod/`) stay separate alerts.
    static func fingerprint(_ f: Finding) -> String {
        let o = f.object
        var parts = [
            f.ruleId, f.location.file, o?.apiVersion ?? "", o?.kind ?? "", o?.namespace ?? "", o?.name ?? "",
            f.location.path,
        ]
        // Image findings: the same path in two layers is two alerts.
        if let layer = f.location.layer { parts.append(layer) }
        return StableHash.hex(parts)
    }

    // MARK: Invocation

    /// Input errors and notes become tool execution notifications; the run succeeded only if
    /// every input could be read.
    private func invocation(_ report: ScanReport) -> JSONValue {
        var notifications: [JSONValue] = report.errors.map { error in
            var physical: [(String, JSONValue)] = [
                ("artifactLocation", .object([("uri", .string(TextEscaping.fileURI(error.file)))]))
            ]
            if let line = error.line, line >= 1 {
                var region: [(String, JSONValue)] = [("startLine", .int(line))]
                if let column = error.column, column >= 1 { region.append(("startColumn", .int(column))) }
                physical.append(("region", .object(region)))
            }
            return .object([
                ("level", .string("error")),
                ("message", .object([("text", .string(error.reason))])),
                ("locations", .array([.object([("physicalLocation", .object(physical))])])),
            ])
        }
        notifications += report.notes.map { note in
            .object([("level", .string("note")), ("message", .object([("text", .string(note))]))])
        }
        var pairs: [(String, JSONValue)] = [("executionSuccessful", .bool(report.errors.isEmpty))]
        if !notifications.isEmpty { pairs.append(("toolExecutionNotifications", .array(notifications))) }
        return .object(pairs)
    }
}
