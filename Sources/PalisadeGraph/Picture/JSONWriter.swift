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
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<" where escapeForHTMLScript: output += "\\u003c"
            case ">" where escapeForHTMLScript: output += "\\u003e"
            case "&" where escapeForHTMLScript: output += "\\u0026"
            case "\u{2028}" where escapeForHTMLScript: output += "\\u2028"
            case "\u{2029}" where escapeForHTMLScript: output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    output += "\\u00"
                    output += scalar.value < 0x10 ? "0" : "1"
                    output += String(scalar.value & 0xF, radix: 16)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
