/// One token of an apk version. The kinds are declared in the order apk-tools uses to break ties
/// between versions whose common tokens are equal: a version that continues with an earlier kind
/// is newer than one that continues with a later kind (or ends), except that a pre-release suffix
/// makes it older.
struct ApkVersionToken: Sendable {
    enum Kind: Int, Sendable, Comparable {
        case digits, letter, suffix, suffixNumber, revision, end

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let kind: Kind
    let bytes: [UInt8]
    /// For `.suffix`: position in apk's list; below `releaseRank` means pre-release.
    let suffixRank: Int

    static let end = ApkVersionToken(kind: .end, bytes: [], suffixRank: 0)

    /// Rank of the bare release between the pre- and post-release suffixes.
    static let releaseRank = 4

    var isPreRelease: Bool { kind == .suffix && suffixRank < Self.releaseRank }

    private static let suffixes: [[UInt8]] = [
        "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p",
    ].map { Array($0.utf8) }

    /// apk's rank of a suffix name, or nil for a name apk does not know.
    static func suffixRank(_ name: ArraySlice<UInt8>) -> Int? {
        guard !name.isEmpty else { return nil }
        return suffixes.firstIndex { $0.elementsEqual(name) }
    }
}
