/// Writes JSON text into a byte buffer: escaped strings, and node trees back to JSON. Used for
/// admission responses, JSONPatch values and reports, where Foundation's encoder costs more than
/// the whole decision.
public enum JSONWriter {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal (quotes included). Runs without escapes are copied in
    /// bulk: messages quote container names, so escapes are common but sparse.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var runStart = 0
            for i in 0..<bytes.count {
                let c = bytes[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                appendEscape(c, to: &out)
                runStart = i + 1
            }
            if runStart < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
            return true
        }
        if done == nil {
            for c in text.utf8 {
                if c < 0x20 || c == 0x22 || c == 0x5C { appendEscape(c, to: &out) } else { out.append(c) }
            }
        }
        out.append(0x22)
    }

    /// Byte by byte: an array literal here (`[0x5C, 0x22]`) would allocate for every escape.
    private static func appendEscape(_ c: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        switch c {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x0A: out.append(0x6E)
        case 0x0D: out.append(0x72)
        case 0x09: out.append(0x74)
        default:
            out.append(0x75)
            out.append(0x30)
            out.append(0x30)
            out.append(hex[Int(c >> 4)])
            out.append(hex[Int(c & 0xF)])
        }
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a node tree as compact JSON. Scalars keep their type as the Kubernetes decoder reads
    /// them: quoted scalars are strings; plain ones are null, booleans or numbers when they read as
    /// such, strings otherwise.
    public static func appendNode(_ node: YAMLNode, to out: inout [UInt8]) {
        switch node.content {
        case .mapping(let pairs):
            out.append(0x7B)
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendString(pair.key, to: &out)
                out.append(0x3A)
                appendNode(pair.value, to: &out)
            }
            out.append(0x7D)
        case .sequence(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                appendNode(item, to: &out)
            }
            out.append(0x5D)
        case .scalar(let scalar):
            if node.isNull {
                out.append(contentsOf: "null".utf8)
            } else if let b = node.bool {
                out.append(contentsOf: (b ? "true" : "false").utf8)
            } else if scalar.isPlain, isJSONNumber(scalar.value) {
                out.append(contentsOf: scalar.value.utf8)
            } else if let i = node.int {
                out.append(contentsOf: String(i).utf8)
            } else {
                appendString(scalar.value, to: &out)
            }
        }
    }

    /// A node tree as compact JSON text.
    public static func json(_ node: YAMLNode) -> String {
        var out: [UInt8] = []
        appendNode(node, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is a number in JSON's grammar.
    static func isJSONNumber(_ text: String) -> Bool {
        var it = Array(text.utf8)[...]
        if it.first == 0x2D { it = it.dropFirst() }
        guard let first = it.first, first >= 0x30, first <= 0x39 else { return false }
        var i = it.startIndex
        func digits() -> Int {
            let s = i
            while i < it.endIndex, it[i] >= 0x30, it[i] <= 0x39 { i += 1 }
            return i - s
        }
        if it[i] == 0x30 { i += 1 } else { _ = digits() }
        if i < it.endIndex, it[i] == 0x2E {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < it.endIndex, it[i] == 0x65 || it[i] == 0x45 {
            i += 1
            if i < it.endIndex, it[i] == 0x2B || it[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == it.endIndex
    }
}
