/// Byte-level helpers for values written into Secret and ConfigMap manifests: base64 decoding of `data`
/// and recognising placeholders (`changeme`, `<password>`, `${TOKEN}`, `xxx`) that hold no credential.
enum LiteralBytes {
    /// Values longer than this (in decoded bytes) are never placeholders, so big certificates are not decoded.
    static let placeholderLimit = 64

    /// Decodes standard (or URL-safe) base64, ignoring whitespace and line breaks; `nil` when it is not base64.
    static func base64Decode<S: Sequence>(_ text: S) -> [UInt8]? where S.Element == UInt8 {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in text {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
            if padding > 0 { return nil }
            buffer = (buffer << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return padding <= 2 ? out : nil
    }

    /// Words (lower case, letters and digits only) that stand in for a value still to be filled in.
    static let placeholderWords: Set<[UInt8]> = Set(
        [
            "changeme", "changeit", "replaceme", "replace", "placeholder", "redacted", "todo", "tbd", "fixme",
            "dummy", "example", "sample", "secret", "password", "passwd", "token", "apikey", "none", "null", "nil",
            "undefined", "empty", "na", "xxx", "yourpassword", "yourtoken", "yoursecret", "yourapikey",
        ].map { Array($0.utf8) })

    /// Prefixes (same normalisation) of placeholder sentences such as `REPLACE_ME_WITH_TOKEN`, `change-me-please`.
    static let placeholderPrefixes: [[UInt8]] = ["changeme", "replaceme", "replacewith", "insert", "enteryour"].map {
        Array($0.utf8)
    }

    /// True when `value` holds nothing worth protecting: empty or blank, one repeated character (`xxx`, `***`),
    /// a reference or template (`<…>`, `${…}`, `$(…)`, `{{…}}`, `%…%`, `__…__`) or a placeholder word.
    /// Values longer than `placeholderLimit` bytes (after trimming) never are.
    static func isPlaceholder(_ value: [UInt8]) -> Bool {
        var start = 0
        var end = value.count
        while start < end && isSpace(value[start]) { start += 1 }
        while end > start && isSpace(value[end - 1]) { end -= 1 }
        let count = end - start
        if count == 0 { return true }
        if count > placeholderLimit { return false }
        let first = value[start]
        let last = value[end - 1]
        if value[start..<end].allSatisfy({ $0 == first }) { return true }
        if count >= 3 {
            let second = value[start + 1]
            switch (first, last) {
            case (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "%"), UInt8(ascii: "%")): return true
            case (UInt8(ascii: "$"), UInt8(ascii: "}")), (UInt8(ascii: "$"), UInt8(ascii: ")")):
                if second == UInt8(ascii: "{") || second == UInt8(ascii: "(") { return true }
            case (UInt8(ascii: "{"), UInt8(ascii: "}")):
                if second == UInt8(ascii: "{") { return true }
            case (UInt8(ascii: "_"), UInt8(ascii: "_")):
                if second == UInt8(ascii: "_") && count > 4 { return true }
            default: break
            }
        }
        var word: [UInt8] = []
        word.reserveCapacity(count)
        for b in value[start..<end] {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(b + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(b)
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " "), UInt8(ascii: "."): continue
            default: return false
            }
        }
        if placeholderWords.contains(word) { return true }
        if placeholderPrefixes.contains(where: { word.starts(with: $0) }) { return true }
        return word.starts(with: yourPrefix) && CredentialName.hasSuffix(word, herePrefix)
    }

    private static let yourPrefix = Array("your".utf8)
    private static let herePrefix = Array("here".utf8)

    /// A `data` value (base64) that holds something real: decoded when short enough to be a placeholder.
    static func isRealEncoded(_ encoded: String) -> Bool {
        let utf8 = encoded.utf8
        // Base64 grows by 4/3 (plus line breaks): longer text decodes to more than `placeholderLimit` bytes.
        if utf8.count > placeholderLimit * 2 { return true }
        let raw = Array(utf8)
        if isPlaceholder(raw) { return false }
        guard let decoded = base64Decode(raw) else { return true }
        return !isPlaceholder(decoded)
    }

    /// A `stringData` (or ConfigMap) value that holds something real.
    static func isRealPlain(_ value: String) -> Bool {
        value.utf8.count > placeholderLimit * 2 || !isPlaceholder(Array(value.utf8))
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\t")
    }
}
