/// RubyGems versions (`Gem::Version`). Text must match `Gem::Version::ANCHORED_VERSION_PATTERN`:
/// digits, then `.`-separated alphanumeric parts, then optionally `-` and `.`-separated parts of
/// alphanumerics and hyphens; every `-` reads as `.pre.`, as RubyGems does. Segments split at dots
/// and at digit/letter boundaries; a letter segment makes a prerelease that sorts before the release.
///
/// One divergence: RubyGems reads empty text as "0"; here it is nil, so an unknown version is never
/// taken for version 0.
public enum RubyGemsVersionScheme: VersionScheme {
    public static let name = "rubygems"

    /// Longest version text considered; real versions are far shorter.
    static let maximumLength = 256

    public static func parse(_ text: String) -> RubyGemsVersion? {
        var bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return nil }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        bytes.removeFirst(bytes.prefix(while: isSpace).count)
        guard isWellFormed(bytes) else { return nil }
        var segments: [RubyGemsVersion.Segment] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") {
                segments.append(.text("pre"))
                index += 1
            } else if isDigit(byte) {
                let start = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                let digits = bytes[start..<index].drop { $0 == UInt8(ascii: "0") }
                segments.append(.number(digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)))
            } else if isLetter(byte) {
                let start = index
                while index < bytes.count, isLetter(bytes[index]) { index += 1 }
                segments.append(.text(String(decoding: bytes[start..<index], as: UTF8.self)))
            } else {
                index += 1
            }
        }
        return RubyGemsVersion(
            canonicalSegments: canonical(segments), description: String(decoding: bytes, as: UTF8.self))
    }

    /// `Gem::Version#canonical_segments`: split before the first string segment, drop trailing zeros of each half.
    private static func canonical(_ segments: [RubyGemsVersion.Segment]) -> [RubyGemsVersion.Segment] {
        let split = segments.firstIndex { if case .text = $0 { true } else { false } } ?? segments.count
        var release = Array(segments[..<split])
        var prerelease = Array(segments[split...])
        while release.last == .zero { release.removeLast() }
        while prerelease.last == .zero { prerelease.removeLast() }
        return release + prerelease
    }

    /// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`
    private static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, isDigit(first) else { return false }
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        while index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, isDigit(bytes[index]) || isLetter(bytes[index]) { index += 1 }
            if index == start { return false }
        }
        guard index < bytes.count else { return true }
        guard bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        while true {
            let start = index
            while index < bytes.count,
                isDigit(bytes[index]) || isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "-")
            {
                index += 1
            }
            if index == start { return false }
            if index == bytes.count { return true }
            guard bytes[index] == UInt8(ascii: ".") else { return false }
            index += 1
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
}
