/// Package-manager caches and indexes that builds leave behind, recognised by path.
enum PackageCacheKind: Int, Sendable, Hashable, CaseIterable, Comparable {
    case aptLists, aptArchives, apk, yum, dnf, zypper, pacman, pip, npm, yarn, goBuild

    static func < (a: PackageCacheKind, b: PackageCacheKind) -> Bool { a.rawValue < b.rawValue }

    var label: String {
        switch self {
        case .aptLists: "apt package lists (/var/lib/apt/lists)"
        case .aptArchives: "apt package cache (/var/cache/apt)"
        case .apk: "apk cache (/var/cache/apk)"
        case .yum: "yum cache (/var/cache/yum)"
        case .dnf: "dnf cache (/var/cache/dnf)"
        case .zypper: "zypper cache (/var/cache/zypp)"
        case .pacman: "pacman package cache (/var/cache/pacman/pkg)"
        case .pip: "pip cache (~/.cache/pip)"
        case .npm: "npm cache (~/.npm/_cacache)"
        case .yarn: "yarn cache (.cache/yarn)"
        case .goBuild: "Go build cache (~/.cache/go-build)"
        }
    }

    var cleanup: String {
        switch self {
        case .aptLists, .aptArchives: "`rm -rf /var/lib/apt/lists/*` and `apt-get clean` in the same RUN"
        case .apk: "`apk add --no-cache`"
        case .yum: "`yum clean all && rm -rf /var/cache/yum` in the same RUN"
        case .dnf: "`dnf clean all` in the same RUN"
        case .zypper: "`zypper clean -a` in the same RUN"
        case .pacman: "`pacman -Scc --noconfirm` in the same RUN"
        case .pip: "`pip install --no-cache-dir`"
        case .npm: "`npm cache clean --force` in the same RUN"
        case .yarn: "`yarn cache clean` in the same RUN"
        case .goBuild: "a build stage, or `go clean -cache` in the same RUN"
        }
    }

    /// Caches under /var, by path prefix (with trailing slash).
    static let varPrefixes: [(prefix: [UInt8], kind: PackageCacheKind)] = [
        (ascii("/var/lib/apt/lists/"), .aptLists), (ascii("/var/cache/apt/"), .aptArchives),
        (ascii("/var/cache/apk/"), .apk), (ascii("/var/cache/yum/"), .yum), (ascii("/var/cache/dnf/"), .dnf),
        (ascii("/var/cache/zypp/"), .zypper), (ascii("/var/cache/pacman/pkg/"), .pacman),
    ]

    /// Caches anywhere (home directories, /usr/local/share), by a pair of adjacent components.
    static let componentPairs: [(parent: [UInt8], child: [UInt8], kind: PackageCacheKind)] = [
        (ascii(".cache"), ascii("pip"), .pip), (ascii(".cache"), ascii("yarn"), .yarn),
        (ascii(".cache"), ascii("go-build"), .goBuild), (ascii(".npm"), ascii("_cacache"), .npm),
    ]

    /// Bookkeeping files that live in cache directories but are not cache content.
    static let ignoredBasenames: [[UInt8]] = [ascii("lock"), ascii("CACHEDIR.TAG"), ascii("README")]
}
