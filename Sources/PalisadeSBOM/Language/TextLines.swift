/// Splits small text files (lock files, gemspecs) into lines without Foundation; `\r\n` endings lose their `\r`.
enum TextLines {
    /// Files with more lines than this are read only up to it.
    static let maxLines = 2_000_000

    static func split(_ bytes: UnsafeRawBufferPointer) -> [Substring] {
        split(ByteText.decode(bytes))
    }

    /// Splits at `\n` bytes. (Splitting on the `Character` "\n" would miss `\r\n`, a single grapheme.)
    static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(maxLines) {
            var end = line.endIndex
            if line.last == UInt8(ascii: "\r") { end = line.index(before: end) }
            lines.append(text[line.startIndex..<end])
        }
        return lines
    }

    /// Number of leading spaces.
    static func indent(_ line: Substring) -> Int {
        var count = 0
        for byte in line.utf8 {
            guard byte == UInt8(ascii: " ") else { break }
            count += 1
        }
        return count
    }

    /// `text` without one pair of surrounding single or double quotes.
    static func unquote(_ text: some StringProtocol) -> String {
        let trimmed = text.trimmingSpaces()
        if trimmed.utf8.count >= 2,
            (trimmed.hasPrefix("\"") && trimmed.hasSuffix("\"")) || (trimmed.hasPrefix("'") && trimmed.hasSuffix("'"))
        {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    /// Splits `name@range` at the first `@` after the first character (so `@scope/name@1` keeps its scope).
    static func splitNameAtVersion(_ spec: String) -> (name: String, rest: String)? {
        guard spec.utf8.count > 1 else { return nil }
        let afterFirst = spec.index(after: spec.startIndex)
        guard let at = spec[afterFirst...].firstIndex(of: "@") else { return nil }
        return (String(spec[..<at]), String(spec[spec.index(after: at)...]))
    }
}
