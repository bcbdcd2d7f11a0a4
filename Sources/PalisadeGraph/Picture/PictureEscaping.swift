/// Escaping for every picture format. Labels, reasons and namespaces come from untrusted
/// manifests, so nothing reaches an output without going through one of these.
enum PictureEscaping {
    /// Text for XML/HTML content and double- or single-quoted attributes. Control characters that
    /// XML 1.0 forbids become spaces, so a hostile label cannot make the SVG ill-formed.
    static func xml(_ text: String) -> String {
        if !text.utf8.contains(where: xmlSpecial) { return text }
        // Byte-wise: every special character is ASCII, and U+FFFE/U+FFFF are EF BF BE/BF.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "&#10;".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "&#9;".utf8)
            case 0..<0x20, 0x7F: out.append(UInt8(ascii: " "))
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                out.append(UInt8(ascii: " "))
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes that may need rewriting in XML: controls, markup, quotes, and 0xEF (which starts U+FFFE/U+FFFF).
    private static func xmlSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: true
        default: false
        }
    }

    /// The inside of a DOT double-quoted string. A backslash is doubled so Graphviz's escapes
    /// (`\N`, `\G`, `\l`) in a label stay literal; a newline becomes DOT's centred line break.
    static func dot(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0x22 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The inside of a Mermaid quoted label. Mermaid reads `#name;` and `#123;` as entity codes and
    /// would read quotes, pipes, brackets, backticks and angle brackets as syntax or HTML, so every
    /// ASCII character outside a small safe set becomes a numeric entity code; other Unicode passes.
    static func mermaid(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if isLineBreakOrControl(value) {
                out += " "
            } else if value >= 0x80 || isMermaidSafe(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "#\(value);"
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: each would end a
    /// Mermaid statement or a YAML line.
    private static func isLineBreakOrControl(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    private static func isMermaidSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ", "-", "_", ".", "/", ":", "@", ",", "+", "=", "*", "!", "?", "$":
            true
        default:
            false
        }
    }

    /// Text with every ASCII character outside the Mermaid-safe set replaced by a space: for places
    /// that decode no escapes at all, such as the YAML front matter's title.
    static func plain(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if !isLineBreakOrControl(scalar.value) && (scalar.value >= 0x80 || isMermaidSafe(scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                out += " "
            }
        }
        return out
    }

    /// A label shortened to `limit` characters with an ellipsis, for boxes of bounded width.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(1, limit - 1))) + "…"
    }
}
