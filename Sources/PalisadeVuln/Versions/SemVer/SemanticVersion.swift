/// A Semantic Versioning 2.0.0 version, ordered by SemVer precedence (§11): numeric core, then a
/// version with pre-release identifiers before the same version without, identifiers compared one
/// by one. Build metadata is kept for display but never affects order or equality.
public struct SemanticVersion: Sendable, Comparable, CustomStringConvertible {
    /// One dot-separated pre-release identifier; numeric identifiers sort before alphanumeric ones.
    public enum Identifier: Sendable, Comparable {
        /// Digits only, leading zeros removed; compared by length then bytes so any size works.
        case numeric(String)
        case alphanumeric(String)

        public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let a), .numeric(let b)):
                return a.utf8.count != b.utf8.count
                    ? a.utf8.count < b.utf8.count : a.utf8.lexicographicallyPrecedes(b.utf8)
            case (.numeric, .alphanumeric): return true
            case (.alphanumeric, .numeric): return false
            case (.alphanumeric(let a), .alphanumeric(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }

        var text: String {
            switch self {
            case .numeric(let text), .alphanumeric(let text): text
            }
        }
    }

    public var major: UInt64
    public var minor: UInt64
    public var patch: UInt64
    /// NuGet's fourth ("revision") number; 0 when absent, so `1.2.3` equals `1.2.3.0` as in NuGet.
    public var revision: UInt64
    public var preRelease: [Identifier]
    public var build: [String]

    public var description: String {
        var out = "\(major).\(minor).\(patch)"
        if revision != 0 { out += ".\(revision)" }
        if !preRelease.isEmpty { out += "-" + preRelease.map(\.text).joined(separator: ".") }
        if !build.isEmpty { out += "+" + build.joined(separator: ".") }
        return out
    }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.revision == rhs.revision
            && lhs.preRelease == rhs.preRelease
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        let a = (lhs.major, lhs.minor, lhs.patch, lhs.revision)
        let b = (rhs.major, rhs.minor, rhs.patch, rhs.revision)
        if a != b { return a < b }
        if lhs.preRelease.isEmpty || rhs.preRelease.isEmpty {
            return !lhs.preRelease.isEmpty && rhs.preRelease.isEmpty
        }
        for (x, y) in zip(lhs.preRelease, rhs.preRelease) where x != y { return x < y }
        return lhs.preRelease.count < rhs.preRelease.count
    }
}
