/// What the components of one path say, found in a single walk over its bytes.
///
/// Only components that start with `.` or `_` matter for `.git`, editor directories and home-directory
/// caches, so `hasDotComponent` lets the hot loop skip the walk for the vast majority of paths
/// (`/usr/lib/x86_64-linux-gnu/libc.so.6`); third-party trees are asked for only when a candidate
/// finding needs them.
struct ComponentTraits {
    /// Byte offset just past the first `.git` component (`/app/.git`), if any.
    var gitEnd: Int?
    /// Byte offset just past the first editor/OS/cache directory (`.idea`, `.vscode`, `__MACOSX`, `.cache`).
    var junkDirectoryEnd: Int?
    /// A package-manager cache recognised by adjacent components (`.cache/pip`, `.npm/_cacache`).
    var cache: PackageCacheKind?

    static let none = ComponentTraits()

    private static let git = ascii(".git")
    private static let junkDirectories: [[UInt8]] = [
        ascii(".idea"), ascii(".vscode"), ascii("__MACOSX"), ascii(".cache"),
    ]
    private static let thirdParty: [[UInt8]] = [
        ascii("node_modules"), ascii("vendor"), ascii("site-packages"), ascii("dist-packages"),
    ]

    private init() {}

    /// Whether some component starts with `.` or `_`: one tight loop, no allocation.
    static func hasDotComponent(_ p: PathBytes) -> Bool {
        var i = 0
        let end = p.count - 1
        while i < end {
            if p[i] == 0x2F {
                let next = p[i + 1]
                if next == 0x2E || next == 0x5F { return true }
            }
            i += 1
        }
        return false
    }

    /// Inside node_modules, vendor, site-packages or dist-packages: third-party trees the builder
    /// does not curate.
    static func isInThirdPartyTree(_ p: PathBytes) -> Bool {
        var start = 0
        var i = 0
        // The last component is the file itself, not a tree.
        let last = p.basenameStart
        while i < last {
            if p[i] == 0x2F {
                if i > start {
                    let range = start..<i
                    if p.equalsAny(range, thirdParty) { return true }
                }
                start = i + 1
            }
            i += 1
        }
        return false
    }

    init(_ p: PathBytes) {
        var previous = 0..<0
        var start = 0
        var i = 0
        let n = p.count
        while i <= n {
            if i == n || p[i] == 0x2F {
                if i > start {
                    let range = start..<i
                    let first = p[start]
                    // Directories only: a component followed by more path.
                    if (first == 0x2E || first == 0x5F) && i < n {
                        if gitEnd == nil, p.equals(range, Self.git) { gitEnd = i }
                        if junkDirectoryEnd == nil {
                            if p.equalsAny(range, Self.junkDirectories) { junkDirectoryEnd = i }
                        }
                    }
                    if cache == nil, !previous.isEmpty, p[previous.lowerBound] == 0x2E {
                        for pair in PackageCacheKind.componentPairs
                        where p.equals(previous, pair.parent) && p.equals(range, pair.child) {
                            cache = pair.kind
                        }
                    }
                    previous = range
                }
                start = i + 1
            }
            i += 1
        }
    }
}
