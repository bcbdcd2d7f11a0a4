import PalisadeCore

/// Image-configuration checks (CIS Docker Benchmark section 4, Dockle's checkpoints) as pure
/// functions of `ImageFacts`: the layer walker gathers the facts once, this turns them into findings.
public struct ImageHygieneAnalyzer: Sendable {
    /// A file version that a later layer deleted or replaced: its path and the layer holding it.
    /// Contents keyed by this let private-key fossils be confirmed by their PEM header; without
    /// them, fossils are judged by name alone (see `PrivateKeyHeuristics`).
    public struct FossilKey: Sendable, Hashable {
        public var path: String
        public var layer: Int

        public init(path: String, layer: Int) {
            self.path = path
            self.layer = layer
        }
    }

    /// Leftover bytes in one layer (deleted-later files, caches, temporary files, .git) from which
    /// IMG-LARGE-LAYER-LEFTOVERS reports the layer.
    public static let largeLeftoverBytes: Int64 = 50 << 20

    public init() {}

    private static let accountPaths: Set<String> = [
        "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers",
    ]

    /// Whether the walker should capture `path`'s contents into `ImageFacts.contents` (merged view)
    /// or, for versions a later layer removed, into the `removedContents` argument of `analyze`.
    /// Called for every file: a size test, one set lookup and a few suffix comparisons.
    public static func wantsContents(path: String, size: Int) -> Bool {
        guard size >= 0, size <= PrivateKeyHeuristics.maximumSize else { return false }
        if accountPaths.contains(path) || path.hasPrefix("/etc/sudoers.d/") { return true }
        return size > 0 && PrivateKeyHeuristics.nameClass(of: path) != nil
    }

    public func analyze(_ facts: ImageFacts) -> [Finding] {
        analyze(facts, removedContents: [:])
    }

    /// - Parameter removedContents: contents of removed versions that `wantsContents` selected, if the
    ///   walker kept them; optional.
    public func analyze(_ facts: ImageFacts, removedContents: [FossilKey: [UInt8]]) -> [Finding] {
        let locate = FindingLocator(facts: facts)
        let scan = FileSystemScan(files: facts.files)
        let passwd = facts.contents["/etc/passwd"].map(AccountFile.init)
        var findings: [Finding] = []
        findings += ConfigChecks(facts: facts, locate: locate, passwd: passwd).run()
        findings += HistoryChecks(facts: facts, locate: locate).run()
        findings += AccountChecks(facts: facts, locate: locate, scan: scan).run()
        findings += FileChecks(facts: facts, locate: locate, scan: scan, removedContents: removedContents).run()
        return Self.capped(findings)
    }

    /// Most findings one rule reports for one image; a hostile image with a million setuid files
    /// gets `maximumFindingsPerRule - 1` findings and one that counts the rest.
    public static let maximumFindingsPerRule = 1000

    static func capped(_ findings: [Finding]) -> [Finding] {
        var counts: [String: Int] = [:]
        for f in findings { counts[f.ruleId, default: 0] += 1 }
        guard counts.values.contains(where: { $0 > maximumFindingsPerRule }) else { return findings }
        var seen: [String: Int] = [:]
        var out: [Finding] = []
        for var f in findings {
            let n = seen[f.ruleId, default: 0] + 1
            seen[f.ruleId] = n
            let total = counts[f.ruleId] ?? 0
            if total <= maximumFindingsPerRule || n < maximumFindingsPerRule {
                out.append(f)
            } else if n == maximumFindingsPerRule {
                f.message += " (and \(total - n) more \(f.ruleId) findings not listed)"
                out.append(f)
            }
        }
        return out
    }
}
