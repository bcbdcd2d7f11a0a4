/// A minimal streaming JSON writer. Foundation's `JSONEncoder` builds an intermediate tree and is
/// several times slower on a graph of thousands of edges; this appends to one string.
struct JSONWriter {
    private(set) var output = ""
    /// Writes `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`, so the JSON can sit inside an HTML
    /// `<script>` element: no `</script>` or `<!--` can appear in it whatever the labels say.
    let escapeForHTMLScript: Bool
    /// Whether the next value in the current array or object needs a comma before it.
    private var needsComma: [Bool] = []
    /// A key was just written: its value takes no comma.
    private var pendingValue = false

    init(escapeForHTMLScript: Bool = false, capacity: Int = 0) {
        self.escapeForHTMLScript = escapeForHTMLScript
        output.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        separate()
        output += "{"
        needsComma.append(false)
    }

    mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    mutating func beginArray() {
        separate()
        output += "["
        needsComma.append(false)
    }

    mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    /// An object member's key; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        output += ":"
        pendingValue = true
    }

    mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func int(_ value: Int) {
        separate()
        output += String(value)
    }

    mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        separate()
        output += value ? "true" : "false"
    }

    mutating func null() {
        separate()
        output += "null"
    }

    /// Shorthands for `key` then a value.
    mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Int?) {
        key(name)
        int(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func separate() {
        if pendingValue {
            pendingValue = false
            needsComma[needsComma.count - 1] = true
            return
        }
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    private func needsEscape(_ byte: UInt8) -> Bool {
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        guard escapeForHTMLScript else { return false }
        // 0xE2 starts U+2028 and U+2029.
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == 0xE2
    }

    /// RFC 8259 string: quote, backslash and control characters escaped; everything else as UTF-8.
    private mutating func writeString(_ value: String) {
        output += "\""
        // Most ids and labels need no escape: append them whole.
        if !value.utf8.contains(where: needsEscape) {
            output += value
            output += "\""
            return
        }
        // Byte-wise: every character escaped is ASCII, except U+2028/U+2029 (E2 80 A8/A9).
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        let hex = Array("0123456789abcdef".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            case 0..<0x20: out.append(contentsOf: "\\u00".utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            case UInt8(ascii: "<") where escapeForHTMLScript: out.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">") where escapeForHTMLScript: out.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&") where escapeForHTMLScript: out.append(contentsOf: "\\u0026".utf8)
            case 0xE2
            where escapeForHTMLScript && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        output += String(decoding: out, as: UTF8.self)
        output += "\""
    }
}
