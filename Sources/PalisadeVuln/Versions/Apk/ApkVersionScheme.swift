/// Alpine apk package versions (`1.2.3a_rc1_p2-r4`), ordered as apk-tools' `version.c` orders them.
/// Alpine's secdb names fixed versions in this syntax; its pre-release suffixes (`_alpha`, `_beta`,
/// `_pre`, `_rc`) sort below the bare version and its post-release ones (`_cvs`, `_svn`, `_git`,
/// `_hg`, `_p`) above it, which no generic comparator gets right.
public enum ApkVersionScheme: VersionScheme {
    public static let name = "apk"

    /// Longest version string accepted; caps the work hostile input can cause.
    public static let maximumLength = 1024

    /// A parsed apk version: its tokens in order. Grammar (apk-tools):
    /// `digits{.digits}[letter]{_suffix[digits]}[-rdigits]`.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        let tokens: [ApkVersionToken]
        public let description: String

        public static func == (lhs: Version, rhs: Version) -> Bool {
            ApkVersionComparison.compare(lhs.tokens, rhs.tokens) == 0
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            ApkVersionComparison.compare(lhs.tokens, rhs.tokens) < 0
        }
    }

    /// Parses the apk grammar strictly; anything apk-tools' `apk_version_validate` rejects (two
    /// letters, unknown suffixes, uppercase, `-` not followed by `r` and digits, …) is nil.
    public static func parse(_ text: String) -> Version? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return nil }
        var tokens: [ApkVersionToken] = []
        var index = 0

        func digitRun() -> [UInt8]? {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index > start ? Array(bytes[start..<index]) : nil
        }

        guard let first = digitRun() else { return nil }
        tokens.append(ApkVersionToken(kind: .digits, bytes: first, suffixRank: 0))
        while index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard let component = digitRun() else { return nil }
            tokens.append(ApkVersionToken(kind: .digits, bytes: component, suffixRank: 0))
        }
        if index < bytes.count, isLowercase(bytes[index]) {
            tokens.append(ApkVersionToken(kind: .letter, bytes: [bytes[index]], suffixRank: 0))
            index += 1
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: "_") {
            index += 1
            let start = index
            while index < bytes.count, isLowercase(bytes[index]) { index += 1 }
            guard let rank = ApkVersionToken.suffixRank(bytes[start..<index]) else { return nil }
            tokens.append(ApkVersionToken(kind: .suffix, bytes: Array(bytes[start..<index]), suffixRank: rank))
            if let number = digitRun() {
                tokens.append(ApkVersionToken(kind: .suffixNumber, bytes: number, suffixRank: 0))
            }
        }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "r") {
            index += 2
            guard let revision = digitRun() else { return nil }
            tokens.append(ApkVersionToken(kind: .revision, bytes: revision, suffixRank: 0))
        }
        guard index == bytes.count else { return nil }
        return Version(tokens: tokens, description: text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLowercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }
}
