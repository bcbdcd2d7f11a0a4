/// A 1-based position in a source file.
public struct SourceMark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceMark, b: SourceMark) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}

/// A scalar exactly as written: the text and how it was quoted. Quoting matters for
/// Kubernetes: `privileged: true` is a boolean, `privileged: "true"` is a string the API rejects.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style
    /// Explicit tag such as `!!str`, if any.
    public var tag: String?

    public init(value: String, style: Style = .plain, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    public var isPlain: Bool { style == .plain && tag == nil }
}

/// One key/value entry of a mapping; keys keep their own position for precise locations.
public struct YAMLPair: Sendable {
    /// The key's text (the loader rejects non-scalar keys, which Kubernetes never uses).
    public var key: String
    public var keyMark: SourceMark
    public var value: YAMLNode

    public init(key: String, keyMark: SourceMark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}

/// A node of a parsed YAML or JSON document, with its position. A value type: aliases share
/// storage through copy-on-write arrays, and the loader caps alias expansion.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: SourceMark
    /// Unique within its document (parse order); used to find a node's field path again.
    public var id: Int32

    public init(content: Content, mark: SourceMark, id: Int32 = 0) {
        self.content = content
        self.mark = mark
        self.id = id
    }
}

extension YAMLNode {
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let n) = content { return n }
        return nil
    }

    public var isMapping: Bool { pairs != nil }
    public var isSequence: Bool { items != nil }

    /// The value of `key` in a mapping. With duplicate keys the last one wins, as in Kubernetes' decoder.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        // Comparing lengths first (stored, so free) skips the string comparison for most keys.
        let length = key.utf8.count
        var i = pairs.count - 1
        while i >= 0 {
            if pairs[i].key.utf8.count == length, pairs[i].key == key { return pairs[i].value }
            i -= 1
        }
        return nil
    }

    /// The entry for `key`, with the key's own position.
    public func pair(_ key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.last { $0.key == key }
    }

    /// True for an explicit null: `null`, `~`, `Null`, `NULL` or an empty plain scalar.
    public var isNull: Bool {
        guard let s = scalar, s.isPlain || s.tag == "tag:yaml.org,2002:null" else { return false }
        switch s.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The string value of a scalar, whatever its style (numbers and booleans included).
    public var string: String? {
        guard let s = scalar, !isNull else { return nil }
        return s.value
    }

    /// A boolean as Kubernetes' YAML decoder (YAML 1.1 rules) reads it; `nil` for anything else,
    /// including quoted strings such as `"true"`.
    public var bool: Bool? {
        guard let s = scalar, s.isPlain || s.tag == "tag:yaml.org,2002:bool" else { return nil }
        switch s.value {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// An integer as Kubernetes reads it (decimal, `0x`, `0o`, YAML 1.1 leading-zero octal, `_` separators).
    public var int: Int? {
        guard let s = scalar, s.isPlain || s.tag == "tag:yaml.org,2002:int" else { return nil }
        return YAMLNode.parseInt(s.value)
    }

    static func parseInt(_ text: String) -> Int? {
        // Fast path: plain decimal without a leading zero (almost every integer in a manifest).
        var fast = 0
        var digits = 0
        var simple = true
        for (i, c) in text.utf8.enumerated() {
            if c >= 0x30 && c <= 0x39 {
                if (digits == 0 && c == 0x30 && i + 1 < text.utf8.count) || digits >= 18 {
                    simple = false
                    break
                }
                fast = fast * 10 + Int(c - 0x30)
                digits += 1
            } else if i == 0 && c == 0x2D && text.utf8.count > 1 {
                continue
            } else if c == 0x5F || c == 0x78 || c == 0x58 || c == 0x6F || c == 0x62 || (i == 0 && c == 0x2B) {
                simple = false
                break
            } else {
                return nil
            }
        }
        if simple {
            guard digits > 0 else { return nil }
            return text.utf8.first == 0x2D ? -fast : fast
        }
        var t = Substring(text)
        var negative = false
        if t.hasPrefix("-") {
            negative = true
            t = t.dropFirst()
        } else if t.hasPrefix("+") {
            t = t.dropFirst()
        }
        guard !t.isEmpty else { return nil }
        let cleaned = String(t.filter { $0 != "_" })
        var value: Int?
        if cleaned.hasPrefix("0x") || cleaned.hasPrefix("0X") {
            value = Int(cleaned.dropFirst(2), radix: 16)
        } else if cleaned.hasPrefix("0o") {
            value = Int(cleaned.dropFirst(2), radix: 8)
        } else if cleaned.hasPrefix("0b") {
            value = Int(cleaned.dropFirst(2), radix: 2)
        } else if cleaned.count > 1 && cleaned.hasPrefix("0") {
            value = Int(cleaned.dropFirst(), radix: 8)
        } else {
            value = Int(cleaned, radix: 10)
        }
        guard let v = value else { return nil }
        return negative ? -v : v
    }

    /// A short name for the node's type, for "expected X, found Y" messages.
    public var typeName: String {
        switch content {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .scalar(let s):
            if isNull { return "null" }
            if bool != nil { return "a boolean" }
            if int != nil { return "a number" }
            if s.isPlain, Double(s.value) != nil { return "a number" }
            return "a string"
        }
    }
}
