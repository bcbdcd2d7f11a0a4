/// A JSON document whose objects keep their keys in the order written, so JSON and SARIF
/// output is byte-stable and reads in the documented order (Foundation's encoder can only sort).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// `.string` or `.null`, for optional fields that are always present.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// `.int` or `.null`, for optional fields that are always present.
    public static func int(_ value: Int?) -> JSONValue {
        value.map(JSONValue.int) ?? .null
    }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    /// Pretty-printed with two-space indentation, `"key": value`, unescaped slashes and a final newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { return out.append("[]") }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                Self.pad(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
                out.append(i == items.count - 1 ? "\n" : ",\n")
            }
            Self.pad(&out, indent)
            out.append("]")
        case .object(let pairs):
            if pairs.isEmpty { return out.append("{}") }
            out.append("{\n")
            for (i, (key, value)) in pairs.enumerated() {
                Self.pad(&out, indent + 1)
                Self.writeString(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: indent + 1)
                out.append(i == pairs.count - 1 ? "\n" : ",\n")
            }
            Self.pad(&out, indent)
            out.append("}")
        }
    }

    private static func pad(_ out: inout String, _ level: Int) {
        out.append(String(repeating: "  ", count: level))
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// RFC 8259 escaping; U+2028/U+2029 are escaped too so the output is safe to embed in JavaScript.
    static func writeString(_ s: String, to out: inout String) {
        out.unicodeScalars.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\u{2028}": out.append("\\u2028")
            case "\u{2029}": out.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    out.append("\\u00")
                    out.unicodeScalars.append(hexDigits[Int(scalar.value >> 4)])
                    out.unicodeScalars.append(hexDigits[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.unicodeScalars.append("\"")
    }
}
