/// SemVer 2.0.0 as npm, Go modules, crates.io and NuGet use it. One scheme serves all four because
/// their orders agree on the versions each publishes; the leniencies below only widen what parses:
///
/// - a leading `v` (Go, npm's loose mode) or `=` (npm ranges) is skipped;
/// - Go pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`) are ordinary pre-release versions
///   and sort by their identifiers, exactly as the Go toolchain sorts them;
/// - build metadata, including Go's `+incompatible`, is ignored for order;
/// - NuGet's optional fourth number (`1.2.3.4`) is compared after patch, absent meaning 0;
/// - leading zeros in numbers (which SemVer forbids, but NuGet normalises away) are accepted.
///
/// Fewer than three or more than four numbers, empty identifiers, or characters outside
/// `[0-9A-Za-z-]` in identifiers make the version nil.
public enum SemVerVersionScheme: VersionScheme {
    public static let name = "semver"

    /// Longest version text considered; real versions are far shorter.
    static let maximumLength = 256

    public static func parse(_ text: String) -> SemanticVersion? {
        var bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return nil }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        if start < bytes.count,
            bytes[start] == UInt8(ascii: "v") || bytes[start] == UInt8(ascii: "V")
                || bytes[start] == UInt8(ascii: "=")
        {
            start += 1
        }
        var coreEnd = start
        while coreEnd < bytes.count, bytes[coreEnd] != UInt8(ascii: "-"), bytes[coreEnd] != UInt8(ascii: "+") {
            coreEnd += 1
        }
        var numbers: [UInt64] = []
        for part in bytes[start..<coreEnd].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let number = parseNumber(part) else { return nil }
            numbers.append(number)
        }
        guard numbers.count == 3 || numbers.count == 4 else { return nil }
        var preRelease: [SemanticVersion.Identifier] = []
        var build: [String] = []
        var rest = coreEnd
        if rest < bytes.count, bytes[rest] == UInt8(ascii: "-") {
            var preEnd = rest + 1
            while preEnd < bytes.count, bytes[preEnd] != UInt8(ascii: "+") { preEnd += 1 }
            for part in bytes[(rest + 1)..<preEnd].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            {
                guard isIdentifier(part) else { return nil }
                if part.allSatisfy(isDigit) {
                    let digits = part.drop { $0 == UInt8(ascii: "0") }
                    preRelease.append(.numeric(digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)))
                } else {
                    preRelease.append(.alphanumeric(String(decoding: part, as: UTF8.self)))
                }
            }
            rest = preEnd
        }
        if rest < bytes.count {
            for part in bytes[(rest + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard isIdentifier(part) else { return nil }
                build.append(String(decoding: part, as: UTF8.self))
            }
        }
        return SemanticVersion(
            major: numbers[0], minor: numbers[1], patch: numbers[2], revision: numbers.count == 4 ? numbers[3] : 0,
            preRelease: preRelease, build: build)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifier(_ part: ArraySlice<UInt8>) -> Bool {
        !part.isEmpty
            && part.allSatisfy { byte in
                isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "-")
            }
    }

    private static func parseNumber(_ part: ArraySlice<UInt8>) -> UInt64? {
        guard !part.isEmpty, part.count <= 19, part.allSatisfy(isDigit) else { return nil }
        return part.reduce(0) { $0 * 10 + UInt64($1 - 0x30) }
    }
}
