/// A RubyGems version, compared as `Gem::Version#<=>` does: the canonical segments (numeric part and
/// prerelease part, each with trailing zeros dropped) are compared one by one; a missing segment is 0,
/// a string segment sorts before a number, numbers compare by value and strings bytewise.
public struct RubyGemsVersion: Sendable, Comparable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        /// Decimal digits with leading zeros removed ("0" for zero), so any length compares by value.
        case number(String)
        case text(String)

        static let zero = Segment.number("0")
    }

    /// Segments after canonicalisation (trailing zeros of the release and prerelease parts removed).
    public let canonicalSegments: [Segment]
    /// The text as given, trimmed.
    public let description: String

    /// True when any segment is a string, as `Gem::Version#prerelease?` says.
    public var isPrerelease: Bool {
        canonicalSegments.contains { if case .text = $0 { true } else { false } }
    }

    public static func == (lhs: RubyGemsVersion, rhs: RubyGemsVersion) -> Bool {
        compare(lhs, rhs) == 0
    }

    public static func < (lhs: RubyGemsVersion, rhs: RubyGemsVersion) -> Bool {
        compare(lhs, rhs) < 0
    }

    static func compare(_ lhs: RubyGemsVersion, _ rhs: RubyGemsVersion) -> Int {
        let a = lhs.canonicalSegments
        let b = rhs.canonicalSegments
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : .zero
            let y = index < b.count ? b[index] : .zero
            switch (x, y) {
            case (.text, .number): return -1
            case (.number, .text): return 1
            case (.number(let p), .number(let q)):
                if p.utf8.count != q.utf8.count { return p.utf8.count < q.utf8.count ? -1 : 1 }
                if p != q { return p.utf8.lexicographicallyPrecedes(q.utf8) ? -1 : 1 }
            case (.text(let p), .text(let q)):
                if p != q { return p.utf8.lexicographicallyPrecedes(q.utf8) ? -1 : 1 }
            }
        }
        return 0
    }
}
