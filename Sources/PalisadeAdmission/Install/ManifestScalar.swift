/// Quoting rules for the install manifests' scalars. Conservative on purpose: a string is written
/// plain only when every YAML 1.1 and 1.2 reader (kubectl's, libyaml, Palisade's own) is certain
/// to read it back as the same string; anything else is double-quoted with escapes.
enum ManifestScalar {
    /// Characters a plain scalar may contain here. No space, `#`, `,`, brackets, quotes or
    /// indicators: names, label keys, paths, image references and quantities need none of them.
    private static func isPlainCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "/", "@", ":", "=", "+", "~": true
        default: false
        }
    }

    /// Words that YAML 1.1 (go-yaml, which kubectl uses) resolves to booleans or null.
    private static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// `text` as a plain scalar when that is unambiguous, otherwise double-quoted.
    static func quoted(_ text: String) -> String { isPlainSafe(text) ? text : doubleQuoted(text) }

    /// Whether `text` reads back as the same string when written without quotes.
    static func isPlainSafe(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard scalars.allSatisfy(isPlainCharacter) else { return false }
        // A leading digit or sign may be a number, a timestamp or an octal; `-`, `:`, `@`, `~`,
        // `=` and `.` open indicators or special values; a trailing `:` would start a mapping.
        switch first {
        case "0"..."9", "-", "+", ".", ":", "@", "~", "=": return false
        default: break
        }
        if last == ":" { return false }
        return !reservedWords.contains(text.lowercased())
    }

    /// A double-quoted scalar: `\` and `"` escaped, control and line-break characters as escapes,
    /// the rest of Unicode as is (YAML streams are UTF-8).
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if needsEscape(c) {
                    out += "\\u" + hex4(c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// Whether a multi-line text can be a literal block scalar: no characters that YAML forbids
    /// unescaped or treats as line breaks, and not empty (an empty block reads as `""` anyway).
    static func fitsLiteralBlock(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return !text.unicodeScalars.contains { c in c != "\n" && c != "\t" && needsEscape(c) || c == "\r" }
    }

    /// C0 and C1 controls, DEL, the Unicode line and paragraph separators (line breaks in YAML
    /// 1.1), the byte-order mark, and surrogates/non-characters a reader may reject.
    private static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
