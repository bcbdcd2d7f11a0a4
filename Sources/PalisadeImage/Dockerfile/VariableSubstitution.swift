/// `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`
/// expansion, as BuildKit does it for `FROM` lines with the global `ARG` defaults.
enum VariableSubstitution {
    /// The expanded text, or nil when a variable has no value (unknown at lint time: a
    /// `--build-arg` decides it).
    static func expand(_ text: String, _ values: [String: String?], escape: Character = "\\") -> String? {
        let bytes = Array(text.utf8)
        let esc = escape.asciiValue ?? UInt8(ascii: "\\")
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == esc, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "$") {
                out.append(UInt8(ascii: "$"))
                i += 2
                continue
            }
            guard b == UInt8(ascii: "$"), i + 1 < bytes.count else {
                out.append(b)
                i += 1
                continue
            }
            if bytes[i + 1] == UInt8(ascii: "{") {
                guard let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                let inner = bytes[(i + 2)..<close]
                guard let value = braced(inner, values) else { return nil }
                out.append(contentsOf: value.utf8)
                i = close + 1
            } else {
                var j = i + 1
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                guard j > i + 1 else {
                    out.append(b)
                    i += 1
                    continue
                }
                let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                guard let value = values[name] ?? nil else { return nil }
                out.append(contentsOf: value.utf8)
                i = j
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func braced(_ inner: ArraySlice<UInt8>, _ values: [String: String?]) -> String? {
        let nameEnd = inner.firstIndex { !isNameByte($0) } ?? inner.endIndex
        let name = String(decoding: inner[inner.startIndex..<nameEnd], as: UTF8.self)
        let current: String?? = values[name]
        let value: String? = current ?? nil
        let op = inner[nameEnd...]
        if op.isEmpty { return value }
        let colon = op.first == UInt8(ascii: ":")
        let body = colon ? op.dropFirst() : op
        guard let kind = body.first else { return nil }
        let word = String(decoding: body.dropFirst(), as: UTF8.self)
        let isSet = colon ? !(value ?? "").isEmpty : value != nil
        switch kind {
        case UInt8(ascii: "-"): return isSet ? value : word
        case UInt8(ascii: "+"): return isSet ? word : ""
        default: return nil
        }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
}
