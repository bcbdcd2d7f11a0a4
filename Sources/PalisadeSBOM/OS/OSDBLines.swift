/// Line ranges of a byte buffer, split on `\n` with a trailing `\r` dropped, so the package
/// database parsers read CRLF files and never build a `String` for a line they do not keep.
struct OSDBLines: Sequence, IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        position = end + 1
        var lineEnd = end
        if lineEnd > start && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        return start..<lineEnd
    }
}

/// Byte-level helpers shared by the text package databases.
enum OSDBText {
    static func isBlank(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        range.allSatisfy { bytes[$0] == UInt8(ascii: " ") || bytes[$0] == UInt8(ascii: "\t") }
    }

    /// The bytes of `range` with leading and trailing spaces/tabs removed, as UTF-8 (invalid
    /// sequences become U+FFFD rather than failing the whole file).
    static func trimmedString(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    /// Whether `bytes[range]` equals the ASCII `name`, ignoring ASCII case.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ name: [UInt8]) -> Bool {
        guard range.count == name.count else { return false }
        for (offset, expected) in name.enumerated() where lower(bytes[range.lowerBound + offset]) != expected {
            return false
        }
        return true
    }

    /// `value` without leading and trailing spaces and tabs.
    static func trimmed(_ value: some StringProtocol) -> String {
        var text = Substring(value)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
