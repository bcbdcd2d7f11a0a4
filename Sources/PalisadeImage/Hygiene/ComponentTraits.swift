/// What the components of one path say, found in a single walk over its bytes.
struct ComponentTraits {
    /// Byte offset just past the first `.git` component (`/app/.git`), if any.
    var gitEnd: Int?
    /// Byte offset just past the first editor/OS/cache directory (`.idea`, `.vscode`, `__MACOSX`, `.cache`).
    var junkDirectoryEnd: Int?
    /// Inside node_modules, vendor, site-packages or dist-packages: third-party trees the builder does not curate.
    var inThirdPartyTree = false
    /// A package-manager cache recognised by adjacent components (`.cache/pip`, `.npm/_cacache`).
    var cache: PackageCacheKind?

    private static let git = ascii(".git")
    private static let junkDirectories: [[UInt8]] = [
        ascii(".idea"), ascii(".vscode"), ascii("__MACOSX"), ascii(".cache"),
    ]
    private static let thirdParty: [[UInt8]] = [
        ascii("node_modules"), ascii("vendor"), ascii("site-packages"), ascii("dist-packages"),
    ]

    init(_ p: PathBytes) {
        var previous: Range<Int>? = nil
        var found = self
        p.forEachComponent { range in
            let first = p.bytes[range.lowerBound]
            if first == UInt8(ascii: ".") || first == UInt8(ascii: "_") {
                if found.gitEnd == nil, p.equals(range, Self.git), range.upperBound < p.count {
                    found.gitEnd = range.upperBound
                }
                if found.junkDirectoryEnd == nil, range.upperBound < p.count,
                    Self.junkDirectories.contains(where: { p.equals(range, $0) })
                {
                    found.junkDirectoryEnd = range.upperBound
                }
            } else if first == UInt8(ascii: "n") || first == UInt8(ascii: "v") || first == UInt8(ascii: "s")
                || first == UInt8(ascii: "d")
            {
                if Self.thirdParty.contains(where: { p.equals(range, $0) }) { found.inThirdPartyTree = true }
            }
            if found.cache == nil, let previous {
                for pair in PackageCacheKind.componentPairs
                where p.equals(range, pair.child) && p.equals(previous, pair.parent) {
                    found.cache = pair.kind
                }
            }
            previous = range
            return true
        }
        self = found
    }
}
