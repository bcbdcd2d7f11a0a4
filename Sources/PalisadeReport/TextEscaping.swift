/// Escaping for the text formats. Each function makes arbitrary text (object names, messages,
/// file paths from the user's repository) safe to place in one syntactic position.
enum TextEscaping {
    /// XML 1.0 text content: `&`, `<`, `>` escaped; characters XML cannot carry (C0 controls other
    /// than tab/newline/CR, U+FFFE, U+FFFF) dropped.
    static func xmlText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML attribute value (double-quoted): like text, plus quotes, and whitespace controls as
    /// character references so attribute-value normalisation keeps them.
    static func xmlAttribute(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&apos;")
            case "\n": out.append("&#10;")
            case "\r": out.append("&#13;")
            case "\t": out.append("&#9;")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// One GitHub-flavoured Markdown table cell: `|` escaped, HTML-significant `<`, `>`, `&` as
    /// entities (so text cannot open tags), line breaks folded to spaces, control characters dropped.
    static func markdownCell(_ s: String) -> String { markdown(s, inTableCell: true) }

    /// Markdown text outside tables (paragraphs, list items): HTML-significant characters as
    /// entities, control characters other than newline dropped.
    static func markdownText(_ s: String) -> String { markdown(s, inTableCell: false) }

    private static func markdown(_ s: String, inTableCell: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "|" where inTableCell: out.append("\\|")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "&": out.append("&amp;")
            case "\n" where !inTableCell: out.append("\n")
            case "\r" where !inTableCell: continue
            case "\n", "\r", "\t": out.append(" ")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A Markdown code span that survives any content: backticks in the text get a longer fence,
    /// and inside a table `|` is still escaped (GFM splits cells before parsing code spans).
    static func markdownCode(_ s: String, inTable: Bool) -> String {
        var text = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            if inTable && scalar == "|" {
                text.append("\\|")
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        var longestRun = 0
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded + fence
    }

    /// A URI reference for a file path as given on the command line: RFC 3986 unreserved
    /// characters and `/` kept, everything else percent-encoded; absolute paths become `file://` URIs.
    /// stdin (`-`) has no path and is reported as `stdin`.
    static func fileURI(_ path: String) -> String {
        if path == "-" { return "stdin" }
        var out = path.hasPrefix("/") ? "file://" : ""
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
