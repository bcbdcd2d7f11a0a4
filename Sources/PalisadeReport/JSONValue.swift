/// A JSON document whose objects keep their keys in the order written, so JSON and SARIF
/// output is byte-stable and reads in the documented order (Foundation's encoder can only sort).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A finite decimal such as a CVSS score; written with Swift's shortest round-trip form.
    case double(Double)
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
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes bytes, not `String`s: reports can hold 100k findings, and appending to a
    /// `String` scalar by scalar ran at a few MB/s.
    func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: Self.nullBytes)
        case .bool(let b): out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { return out.append(contentsOf: [0x5B, 0x5D]) }
            out.append(contentsOf: [0x5B, 0x0A])
            for (i, item) in items.enumerated() {
                Self.pad(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
                if i != items.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { return out.append(contentsOf: [0x7B, 0x7D]) }
            out.append(contentsOf: [0x7B, 0x0A])
            for (i, (key, value)) in pairs.enumerated() {
                Self.pad(&out, indent + 1)
                Self.writeString(key, to: &out)
                out.append(contentsOf: [0x3A, 0x20])
                value.write(to: &out, indent: indent + 1)
                if i != pairs.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x7D)
        }
    }

    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private static func pad(_ out: inout [UInt8], _ level: Int) {
        for _ in 0..<(level * 2) { out.append(0x20) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// RFC 8259 escaping; U+2028/U+2029 are escaped too so the output is safe to embed in JavaScript.
    /// Runs of bytes that need no escaping are copied in one go.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Fast path: most strings need no escaping at all; copy them in one go.
            var clean = true
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 {
                clean = false
                break
            }
            if clean {
                out.append(contentsOf: bytes)
                return
            }
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var escape: [UInt8]? = nil
                var width = 1
                switch b {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, 0x6E]
                case 0x0D: escape = [0x5C, 0x72]
                case 0x09: escape = [0x5C, 0x74]
                case 0x08: escape = [0x5C, 0x62]
                case 0x0C: escape = [0x5C, 0x66]
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    width = 3
                default:
                    if b < 0x20 {
                        escape = [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
                    }
                }
                if let escape {
                    if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                    out.append(contentsOf: escape)
                    i += width
                    runStart = i
                } else {
                    i += 1
                }
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        out.append(0x22)
    }
}
