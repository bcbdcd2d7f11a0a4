import PalisadeCore

/// Reads `.palisadeignore.yaml`:
///
/// ```yaml
/// ignores:
///   - rule: K8S-WL-NO-CPU-LIMIT          # required; `*` globs allowed
///     object: {kind: Deployment, namespace: prod, name: web}   # optional
///     path: examples/legacy/             # optional file path prefix
///     reason: "tracked in OPS-123"       # required
///     expires: 2027-01-31                # optional
/// ```
///
/// Strict on purpose: an unknown key or a missing reason is an error with its position, since a
/// silently ignored typo would hide findings (or fail to) without anyone noticing.
public enum IgnoreFileParser {
    public static func parse(_ buffer: SourceBuffer) throws(InputError) -> [IgnoreEntry] {
        try parse(bytes: buffer.bytes, file: buffer.name)
    }

    public static func parse(bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> [IgnoreEntry] {
        let parser = YAMLStreamParser(bytes: bytes, file: file)
        guard let document = try parser.next() else { return [] }
        if let extra = try parser.next() {
            throw error(file, extra.root.mark, "expected a single YAML document, found a second one")
        }
        let root = document.root
        if root.isNull { return [] }
        guard let pairs = root.pairs else {
            throw error(file, root.mark, "expected a map with an 'ignores' list, found \(root.typeName)")
        }
        for pair in pairs where pair.key != "ignores" {
            throw error(file, pair.keyMark, "unknown key '\(pair.key)'; the file holds one key, 'ignores'")
        }
        guard let list = root["ignores"], !list.isNull else { return [] }
        guard let items = list.items else {
            throw error(file, list.mark, "expected a list under 'ignores', found \(list.typeName)")
        }
        var entries: [IgnoreEntry] = []
        for item in items {
            entries.append(try entry(item, file: file))
        }
        return entries
    }

    static let entryKeys: Set<String> = ["rule", "object", "path", "reason", "expires"]
    static let objectKeys: Set<String> = ["kind", "namespace", "name"]

    private static func entry(_ node: YAMLNode, file: String) throws(InputError) -> IgnoreEntry {
        guard let pairs = node.pairs else {
            throw error(
                file, node.mark, "expected an ignore entry (a map with 'rule' and 'reason'), found \(node.typeName)")
        }
        for pair in pairs where !entryKeys.contains(pair.key) {
            throw error(
                file, pair.keyMark,
                "unknown key '\(pair.key)' in ignore entry; expected rule, object, path, reason or expires")
        }
        guard let ruleNode = node["rule"] else {
            throw error(file, node.mark, "ignore entry has no 'rule'")
        }
        let rule = try text(ruleNode, "rule", file: file)
        guard let reasonNode = node["reason"] else {
            throw error(file, node.mark, "ignore entry for \(rule) has no 'reason'; say why the finding is accepted")
        }
        let reason = try text(reasonNode, "reason", file: file)

        var object: IgnoreEntry.ObjectPattern?
        if let objectNode = node["object"], !objectNode.isNull {
            guard let objectPairs = objectNode.pairs else {
                throw error(
                    file, objectNode.mark,
                    "expected a map with kind, namespace and/or name under 'object', found \(objectNode.typeName)")
            }
            for pair in objectPairs where !objectKeys.contains(pair.key) {
                throw error(
                    file, pair.keyMark, "unknown key '\(pair.key)' in 'object'; expected kind, namespace or name")
            }
            var pattern = IgnoreEntry.ObjectPattern()
            if let n = objectNode["kind"] { pattern.kind = try text(n, "kind", file: file) }
            if let n = objectNode["namespace"] { pattern.namespace = try text(n, "namespace", file: file) }
            if let n = objectNode["name"] { pattern.name = try text(n, "name", file: file) }
            object = pattern
        }

        var path: String?
        if let n = node["path"] { path = try text(n, "path", file: file) }

        var expires: CalendarDate?
        if let n = node["expires"] {
            let value = try text(n, "expires", file: file)
            guard let date = CalendarDate(value) else {
                throw error(file, n.mark, "'expires' must be a date written YYYY-MM-DD, found '\(value)'")
            }
            expires = date
        }
        return IgnoreEntry(
            rule: rule, object: object, path: path, reason: reason, expires: expires, file: file, line: node.mark.line)
    }

    /// A non-empty scalar.
    private static func text(_ node: YAMLNode, _ key: String, file: String) throws(InputError) -> String {
        guard let value = node.string, node.scalar != nil else {
            throw error(file, node.mark, "expected a string for '\(key)', found \(node.typeName)")
        }
        guard !value.allSatisfy(\.isWhitespace) else {
            throw error(file, node.mark, "'\(key)' is empty")
        }
        return value
    }

    private static func error(_ file: String, _ mark: SourceMark, _ reason: String) -> InputError {
        InputError(file: file, line: mark.line, column: mark.column, reason: reason)
    }
}
