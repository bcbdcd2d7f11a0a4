import PalisadeCore
import PalisadeFormats

extension RuleMetadata {
    /// Metadata for a `K8S-SCHEMA-*` rule.
    static func schema(id: String, title: String, why: String, remediation: String) -> RuleMetadata {
        RuleMetadata(
            id: id, title: title, severity: .medium, category: "Schema", why: why, remediation: remediation,
            frameworks: FrameworkMappings(nist: [.orchestrator]),
            references: ["https://kubernetes.io/docs/reference/kubernetes-api/"])
    }
}

/// A field whose YAML type the API server would reject: `privileged: "yes"`, `containers: {}`,
/// `containerPort: "80"`. Besides failing to apply, such manifests are misread by tools that coerce types,
/// so security settings that look set are not.
struct SchemaTypeRule: ObjectRule {
    let metadata = RuleMetadata.schema(
        id: "K8S-SCHEMA-TYPE", title: "Field has the wrong type",
        why: "The API server rejects the object, and tools that coerce types read a different value than "
            + "Kubernetes would (a quoted \"false\" is a non-empty string), so the security settings that appear "
            + "to be set may not be.",
        remediation: "Write the field with the type the API expects: unquoted true/false for booleans, unquoted "
            + "numbers for integers, `- item` lists for lists, `key: value` maps for maps.")

    func applies(to object: KubeObject) -> Bool { true }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        var wrong: [YAMLNode] = []
        var expected: [FieldSchema] = []
        Self.check(object.root, CompiledSchema.object(kind: object.kind), &wrong, &expected)
        guard !wrong.isEmpty else { return [] }
        var out: [Violation] = []
        for (node, schema) in zip(wrong, expected) {
            let path = object.locate(node).path
            out.append(Violation("\(path): expected \(schema.expected), found \(Self.describe(node))", at: node))
        }
        return out
    }

    /// Walks `node` along `schema`, collecting nodes of the wrong type. Nulls are accepted everywhere:
    /// the API treats them as absent.
    static func check(
        _ node: YAMLNode, _ schema: CompiledSchema, _ wrong: inout [YAMLNode], _ expected: inout [FieldSchema]
    ) {
        switch node.content {
        case .mapping(let pairs):
            switch schema.kind {
            case .map:
                for p in pairs {
                    if let s = schema.field(p.key) { check(p.value, s, &wrong, &expected) }
                }
            case .stringMap:
                for p in pairs where !p.value.isNull && !isString(p.value) {
                    wrong.append(p.value)
                    expected.append(.string)
                }
            case .anyMap: break
            case .bool, .int, .string, .list: fail()
            }
        case .sequence(let items):
            switch schema.kind {
            case .list:
                if let element = schema.element { for item in items { check(item, element, &wrong, &expected) } }
            default: fail()
            }
        case .scalar:
            if node.isNull { return }
            switch schema.kind {
            case .bool: if node.bool == nil { fail() }
            case .int: if node.int == nil { fail() }
            case .string: if !isString(node) { fail() }
            case .list, .map, .stringMap, .anyMap: fail()
            }
        }

        func fail() {
            wrong.append(node)
            expected.append(schema.source)
        }
    }

    /// A scalar that decodes as a JSON string: quoted, or plain but not a boolean or number.
    static func isString(_ node: YAMLNode) -> Bool {
        guard let s = node.scalar else { return false }
        if !s.isPlain { return s.tag == nil || s.tag == "tag:yaml.org,2002:str" || s.style != .plain }
        // Fast path: only plain scalars starting like a number, boolean or null can be anything but a string.
        guard let c = s.value.utf8.first else { return false }
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return node.typeName == "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"),
            UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            // Neither null, an integer nor a float can start with these letters: only booleans.
            return node.bool == nil
        default: return true
        }
    }

    /// "a string (\"yes\")", "a map", "a number (1.5)": what was found, with short scalar values quoted.
    static func describe(_ node: YAMLNode) -> String {
        guard let s = node.scalar else { return node.typeName }
        var value = s.value
        if value.count > 40 { value = String(value.prefix(37)) + "…" }
        let shown = node.typeName == "a string" ? "\"\(value)\"" : value
        return "\(node.typeName) (\(shown))"
    }
}
