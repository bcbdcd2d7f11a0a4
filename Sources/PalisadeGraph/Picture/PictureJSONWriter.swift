import PalisadeFormats

/// A minimal streaming JSON writer. Foundation's `JSONEncoder` builds an intermediate tree and is
/// several times slower on a graph of thousands of edges; this appends to one string.
struct PictureJSONWriter {
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

    /// RFC 8259 string (PalisadeFormats' escaping). For a `<script>` block, `<`, `>`, `&` and
    /// U+2028/U+2029 are escaped as well, so no label can end the block or open a comment.
    private mutating func writeString(_ value: String) {
        let quoted = PalisadeFormats.JSONWriter.quoted(value)
        guard escapeForHTMLScript,
            quoted.utf8.contains(where: {
                $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == 0xE2
            })
        else {
            output += quoted
            return
        }
        let bytes = Array(quoted.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "\\u0026".utf8)
            case 0xE2
            where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default: out.append(byte)
            }
            index += 1
        }
        output += String(decoding: out, as: UTF8.self)
    }
}
