/// A Maven version as `org.apache.maven.artifact.versioning.ComparableVersion` (Maven 3.6–3.8)
/// sees it: a list of items where numbers, qualifiers and nested lists (started by `-` or a
/// digit/letter change) compare by Maven's rules. Any text parses, as in Maven.
public struct MavenVersion: Sendable, Comparable, CustomStringConvertible {
    /// One parsed item. Numbers keep their decimal digits (leading zeros removed) so any length compares.
    indirect enum Item: Sendable {
        case number(String)
        /// The comparable qualifier key: `"0"`…`"6"` for the well-known qualifiers, `"7-<text>"` otherwise.
        case qualifier(String)
        case list([Item])

        var isNull: Bool {
            switch self {
            case .number(let digits): digits == "0"
            case .qualifier(let key): key == MavenQualifier.releaseKey
            case .list(let items): items.isEmpty
            }
        }
    }

    let items: [Item]
    /// The text as given, for explanations.
    public let description: String

    public static func == (lhs: MavenVersion, rhs: MavenVersion) -> Bool {
        compareLists(lhs.items, rhs.items) == 0
    }

    public static func < (lhs: MavenVersion, rhs: MavenVersion) -> Bool {
        compareLists(lhs.items, rhs.items) < 0
    }

    static func compare(_ item: Item, _ other: Item?) -> Int {
        switch (item, other) {
        case (.number(let digits), nil): return digits == "0" ? 0 : 1
        case (.number(let a), .number(let b)?): return compareDigits(a, b)
        case (.number, _?): return 1
        case (.qualifier(let key), nil): return compareBytes(key, MavenQualifier.releaseKey)
        case (.qualifier, .number?), (.qualifier, .list?): return -1
        case (.qualifier(let a), .qualifier(let b)?): return compareBytes(a, b)
        case (.list(let items), nil): return items.first.map { compare($0, nil) } ?? 0
        case (.list, .number?): return -1
        case (.list, .qualifier?): return 1
        case (.list(let a), .list(let b)?): return compareLists(a, b)
        }
    }

    static func compareLists(_ a: [Item], _ b: [Item]) -> Int {
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : nil
            let right = index < b.count ? b[index] : nil
            let result: Int
            if let left {
                result = compare(left, right)
            } else if let right {
                result = -compare(right, nil)
            } else {
                result = 0
            }
            if result != 0 { return result }
        }
        return 0
    }

    private static func compareDigits(_ a: String, _ b: String) -> Int {
        if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
        return compareBytes(a, b)
    }

    private static func compareBytes(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}
