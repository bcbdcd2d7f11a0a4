/// Word splitting for instruction arguments (`FROM`, `ARG`, `ENV`, `COPY`, `USER`, …), with
/// Dockerfile quoting: `"…"` (escape character works inside), `'…'` (literal), and the escape
/// character outside quotes.
public enum DockerfileWords {
    public struct Word: Sendable, Hashable {
        /// With quotes and escapes removed.
        public var text: String
        /// As written.
        public var raw: String
        /// UTF-8 byte offset in the arguments.
        public var offset: Int
    }

    public static func split(_ arguments: String, escape: Character = "\\") -> [Word] {
        let bytes = Array(arguments.utf8)
        let esc = escape.asciiValue ?? UInt8(ascii: "\\")
        var words: [Word] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            var text: [UInt8] = []
            var quote: UInt8 = 0
            while i < bytes.count {
                let b = bytes[i]
                if quote == 0, isSpace(b) { break }
                if quote == 0, b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if quote != 0, b == quote {
                    quote = 0
                } else if b == esc, quote != UInt8(ascii: "'"), i + 1 < bytes.count {
                    i += 1
                    text.append(bytes[i])
                } else {
                    text.append(b)
                }
                i += 1
            }
            words.append(
                Word(
                    text: String(decoding: text, as: UTF8.self), raw: String(decoding: bytes[start..<i], as: UTF8.self),
                    offset: start))
        }
        return words
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

/// One `NAME=value` of an `ARG` or `ENV`.
public struct DockerfileVariable: Sendable, Hashable {
    public var name: String
    /// Unquoted value; nil for `ARG NAME` without a default.
    public var value: String?
    /// The value as written (quotes kept), to tell `${OTHER}` references from literals.
    public var rawValue: String?

    public init(name: String, value: String?, rawValue: String?) {
        self.name = name
        self.value = value
        self.rawValue = rawValue
    }

    /// `ARG`/`ENV` assignments, including the legacy `ENV NAME value with spaces` form.
    public static func parse(_ instruction: DockerfileInstruction, escape: Character = "\\") -> [DockerfileVariable] {
        let words = DockerfileWords.split(instruction.arguments, escape: escape)
        guard let first = words.first else { return [] }
        if instruction.keyword == "ENV", !first.raw.contains("=") {
            let rest = words.dropFirst()
            guard let start = rest.first else { return [DockerfileVariable(name: first.text, value: "", rawValue: "")] }
            let raw = String(instruction.arguments.utf8.dropFirst(start.offset)) ?? ""
            return [
                DockerfileVariable(name: first.text, value: rest.map(\.text).joined(separator: " "), rawValue: raw)
            ]
        }
        return words.map { word in
            guard let eq = word.text.firstIndex(of: "=") else {
                return DockerfileVariable(name: word.text, value: nil, rawValue: nil)
            }
            let rawValue = word.raw.firstIndex(of: "=").map { String(word.raw[word.raw.index(after: $0)...]) }
            return DockerfileVariable(
                name: String(word.text[..<eq]), value: String(word.text[word.text.index(after: eq)...]),
                rawValue: rawValue)
        }
    }
}
