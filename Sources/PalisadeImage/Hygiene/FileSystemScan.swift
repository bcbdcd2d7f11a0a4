/// Everything the file rules need, gathered in one pass over `ImageFacts.files` (which can hold a
/// million records): per record only integer tests and byte comparisons; Strings are created only
/// for the few records that end up in a result.
struct FileSystemScan {
    /// A directory (or file) that groups many records into one finding, per layer and presence.
    struct GroupKey: Hashable, Comparable {
        var path: String
        var layer: Int
        var present: Bool

        static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.path, a.layer, a.present ? 0 : 1) < (b.path, b.layer, b.present ? 0 : 1)
        }
    }

    struct CacheKey: Hashable, Comparable {
        var kind: PackageCacheKind
        var layer: Int
        var present: Bool

        static func < (a: CacheKey, b: CacheKey) -> Bool {
            (a.layer, a.kind.rawValue, a.present ? 0 : 1) < (b.layer, b.kind.rawValue, b.present ? 0 : 1)
        }
    }

    struct Tally: Hashable {
        var files = 0
        var bytes: Int64 = 0
        /// Index of the first record counted, whose layer and presence the finding reports.
        var firstRecord: Int
    }

    /// Bytes in one layer that the running container does not need.
    struct Leftovers: Hashable {
        /// Files a later layer deleted or replaced (every kind of content).
        var removed: Int64 = 0
        var temporary: Int64 = 0
        var caches: Int64 = 0
        var git: Int64 = 0

        var total: Int64 { removed + temporary + caches + git }
    }

    var tools: [(record: Int, kind: ToolKind)] = []
    var setuid: [Int] = []
    var worldWritable: [Int] = []
    var privateKeyCandidates: [(record: Int, nameClass: PrivateKeyHeuristics.NameClass)] = []
    var credentialFiles: [Int] = []
    var caches: [CacheKey: Tally] = [:]
    var gitDirectories: [GroupKey: Tally] = [:]
    var unnecessary: [GroupKey: Tally] = [:]
    var leftovers: [Int: Leftovers] = [:]
    /// Present record index of /etc/passwd, /etc/shadow, /etc/group, /etc/gshadow, /etc/sudoers(.d/*).
    var accountFiles: [String: Int] = [:]

    init(files: [FileRecord]) {
        let binaryDirectories = Self.binaryDirectories(files).map { Array($0.utf8) }
        files.withUnsafeBufferPointer { records in
            var index = 0
            while index < records.count {
                records[index].path.withPathBytes { p in visit(index, records[index], p, binaryDirectories) }
                index += 1
            }
        }
    }

    /// The PATH directories, plus the targets of PATH directories that are symlinks (usrmerge:
    /// `/bin -> usr/bin`; or `/bin -> /opt/busybox/bin`), so tools are found at their real paths.
    static func binaryDirectories(_ files: [FileRecord]) -> Set<String> {
        var result = ToolCatalog.binaryDirectories
        files.withUnsafeBufferPointer { records in
            var i = 0
            while i < records.count {
                if records[i].kind == .symlink, records[i].removedBy == nil,
                    ToolCatalog.binaryDirectories.contains(records[i].path), let target = records[i].linkTarget,
                    let resolved = Self.resolve(target, from: records[i].path)
                {
                    result.insert(resolved)
                }
                i += 1
            }
        }
        return result
    }

    /// Resolves a symlink target lexically against the link's directory; nil when it climbs above `/`.
    static func resolve(_ target: String, from link: String) -> String? {
        var parts: [Substring] = []
        if !target.hasPrefix("/") {
            parts = link.split(separator: "/")
            if !parts.isEmpty { parts.removeLast() }
        }
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static let tmp = ascii("/tmp")
    private static let varTmp = ascii("/var/tmp")
    private static let devShm = ascii("/dev/shm")
    private static let etc = ascii("/etc/")
    private static let varDir = ascii("/var/")
    private static let accountPaths: [[UInt8]] = [
        ascii("/etc/passwd"), ascii("/etc/shadow"), ascii("/etc/group"), ascii("/etc/gshadow"), ascii("/etc/sudoers"),
    ]
    private static let sudoersDirectory = ascii("/etc/sudoers.d/")

    private mutating func visit(_ index: Int, _ record: FileRecord, _ p: PathBytes, _ binaryDirectories: [[UInt8]]) {
        let present = record.removedBy == nil
        let kind = record.kind
        let isFile = kind == .regular || kind == .hardlink
        let second = p.count > 1 ? p[1] : 0
        let isTemporary =
            (second == UInt8(ascii: "t") || second == UInt8(ascii: "v") || second == UInt8(ascii: "d"))
            && (p.isAtOrUnder(Self.tmp) || p.isAtOrUnder(Self.varTmp) || p.isAtOrUnder(Self.devShm))
        let start = p.basenameStart

        if present {
            if record.mode & 0o002 != 0, !isTemporary,
                kind == .regular || (kind == .directory && record.mode & 0o1000 == 0)
            {
                worldWritable.append(index)
            }
            if isFile, record.mode & 0o6000 != 0, record.isExecutable { setuid.append(index) }
            if isFile || kind == .symlink, start > 1, p.count - start <= ToolCatalog.maximumNameLength {
                let parent = 0..<(start - 1)
                if p.equalsAny(parent, binaryDirectories) {
                    let path = record.path
                    let base = path[path.utf8.index(path.utf8.startIndex, offsetBy: start)...]
                    if let tool = ToolCatalog.kind(of: base) { tools.append((index, tool)) }
                }
            }
            if kind == .regular, p.hasPrefix(Self.etc),
                p.equalsAny(0..<p.count, Self.accountPaths) || p.hasPrefix(Self.sudoersDirectory)
            {
                accountFiles[record.path] = index
            }
        }
        guard kind != .directory else { return }

        let components = ComponentTraits.hasDotComponent(p) ? ComponentTraits(p) : .none
        let size = kind == .regular ? max(0, record.size) : 0
        if kind == .regular && !present { leftovers[record.layer, default: Leftovers()].removed += size }

        if kind == .regular, let cache = cacheKind(p, components), !Self.isIgnoredCacheFile(p) {
            let key = CacheKey(kind: cache, layer: record.layer, present: present)
            caches[key, default: Tally(firstRecord: index)].files += 1
            caches[key]!.bytes += size
            if present { leftovers[record.layer, default: Leftovers()].caches += size }
            return
        }
        if let gitEnd = components.gitEnd, !ComponentTraits.isInThirdPartyTree(p) {
            add(&gitDirectories, p.string(0..<gitEnd), record, index, size)
            if present { leftovers[record.layer, default: Leftovers()].git += size }
            return
        }
        if present && isTemporary { leftovers[record.layer, default: Leftovers()].temporary += size }
        // Candidates first (cheap byte tests), the third-party-tree walk only for the few that match.
        let junkEnd = components.junkDirectoryEnd
        let unneeded = junkEnd == nil && kind == .regular && UnnecessaryFiles.isUnnecessaryBasename(p, start)
        let credential = isFile && CredentialFileNames.matches(p, start)
        let keyClass =
            kind == .regular && size > 0 && size <= PrivateKeyHeuristics.maximumSize
            ? PrivateKeyHeuristics.nameClass(p, basenameStart: start) : nil
        guard junkEnd != nil || unneeded || credential || keyClass != nil, !ComponentTraits.isInThirdPartyTree(p)
        else { return }
        if let junkEnd {
            add(&unnecessary, p.string(0..<junkEnd), record, index, size)
        } else if unneeded {
            add(&unnecessary, record.path, record, index, size)
        }
        if credential { credentialFiles.append(index) }
        if let keyClass { privateKeyCandidates.append((index, keyClass)) }
    }

    private func add(
        _ groups: inout [GroupKey: Tally], _ path: String, _ record: FileRecord, _ index: Int, _ size: Int64
    ) {
        let key = GroupKey(path: path, layer: record.layer, present: record.removedBy == nil)
        groups[key, default: Tally(firstRecord: index)].files += 1
        groups[key]!.bytes += size
    }

    private func cacheKind(_ p: PathBytes, _ components: ComponentTraits) -> PackageCacheKind? {
        if p.hasPrefix(Self.varDir) {
            for entry in PackageCacheKind.varPrefixes where p.hasPrefix(entry.prefix) { return entry.kind }
        }
        return components.cache
    }

    private static func isIgnoredCacheFile(_ p: PathBytes) -> Bool {
        let base = p.basenameStart..<p.count
        return p.equalsAny(base, PackageCacheKind.ignoredBasenames)
    }
}
