/// A YAML value as the install manifests need it: mappings keep their key order, so the output is
/// byte-for-byte deterministic and reads in the order `kubectl get -o yaml` uses.
///
/// Hand-written rather than through a YAML library because the emitter only needs block style, and
/// owning the quoting rules is what guarantees that a name, an image or a policy can never change
/// the document's structure (no `yes`/`no` turning into booleans, no `: ` starting a mapping).
public indirect enum ManifestYAML: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    /// A multi-line text written as a literal block scalar (`key: |`), e.g. an embedded file.
    case text(String)
    case list([ManifestYAML])
    case map([(String, ManifestYAML)])

    public static func == (lhs: ManifestYAML, rhs: ManifestYAML) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.text(let a), .text(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)): a.map { $0.0 } == b.map { $0.0 } && a.map { $0.1 } == b.map { $0.1 }
        default: false
        }
    }

    /// The value as a YAML document body (no `---`), ending in a newline.
    public func document() -> String {
        var out = ""
        switch self {
        case .map(let entries) where !entries.isEmpty: Self.writeEntries(entries, indent: 0, into: &out)
        case .list(let items) where !items.isEmpty: Self.writeItems(items, indent: 0, into: &out)
        default: out = Self.inline(self) + "\n"
        }
        return out
    }

    // MARK: Block structure

    private static func writeEntries(_ entries: [(String, ManifestYAML)], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in entries {
            out += pad + ManifestScalar.quoted(key) + ":"
            writeValue(value, indent: indent, into: &out)
        }
    }

    private static func writeItems(_ items: [ManifestYAML], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let entries) where !entries.isEmpty:
                // `- key: value` with the other keys aligned under the first one.
                var nested = ""
                writeEntries(entries, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case .list(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                writeItems(inner, indent: indent + 2, into: &out)
            default:
                // A `.text` item is double-quoted: block scalars are only written after a key.
                out += pad + "- " + inline(item) + "\n"
            }
        }
    }

    /// Writes what follows `key:` (or `-`), starting on the same line.
    private static func writeValue(_ value: ManifestYAML, indent: Int, into out: inout String) {
        switch value {
        case .map(let entries) where !entries.isEmpty:
            out += "\n"
            writeEntries(entries, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            writeItems(items, indent: indent + 2, into: &out)
        case .text(let text):
            writeText(text, indent: indent, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    /// A literal block scalar, or a double-quoted string when the text cannot be one (control
    /// characters, CR, empty). The chomping indicator keeps trailing newlines exactly; an explicit
    /// indentation indicator is added when the text starts with a space or a blank line, which
    /// would otherwise be taken as the block's indentation.
    private static func writeText(_ text: String, indent: Int, into out: inout String) {
        guard ManifestScalar.fitsLiteralBlock(text) else {
            out += " " + ManifestScalar.doubleQuoted(text) + "\n"
            return
        }
        var body = Substring(text)
        var trailing = 0
        while body.last == "\n" {
            body = body.dropLast()
            trailing += 1
        }
        let chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        let needsIndicator = text.first == " " || text.first == "\n"
        out += " |" + (needsIndicator ? "2" : "") + chomp + "\n"
        let pad = String(repeating: " ", count: indent + 2)
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            out += line.isEmpty ? "\n" : pad + line + "\n"
        }
        out += String(repeating: "\n", count: max(0, trailing - 1))
    }

    /// A scalar or an empty collection on one line.
    private static func inline(_ value: ManifestYAML) -> String {
        switch value {
        case .string(let s): ManifestScalar.quoted(s)
        case .text(let s): ManifestScalar.doubleQuoted(s)
        case .int(let n): String(n)
        case .bool(let b): b ? "true" : "false"
        case .list: "[]"
        case .map: "{}"
        }
    }
}

extension ManifestYAML: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ManifestYAML: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(arrayLiteral elements: ManifestYAML...) { self = .list(elements) }
    /// Dictionary-literal syntax, but the order written is the order emitted.
    public init(dictionaryLiteral elements: (String, ManifestYAML)...) { self = .map(elements) }
}
