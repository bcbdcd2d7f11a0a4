import PalisadeCore

/// The compiled secret rule set: one Hyperscan database for detection plus one PCRE2 pattern per
/// rule for extraction. Compile once (~100 ms) and share it across tasks; each task scans through
/// its own ``SecretScanSession``, which owns the per-thread scratch memory.
public final class SecretScanner: Sendable {
    /// Enabled pattern rules; a rule's index here is its Hyperscan id.
    let rules: [SecretRule]
    let patterns: [PCRE2Pattern]
    /// Detectors of the rules that apply everywhere; nil when there are none.
    let database: HyperscanDatabase?
    /// Detectors of the file-name rules (`.pypirc`, `.env`, `/etc/shadow`…), run only on files
    /// whose path matches one of them. Kept apart because their anchors (`^password`, `^KEY=`)
    /// are common words that would slow the main pass for nothing.
    let fileNameDatabase: HyperscanDatabase?
    /// Detectors of the rules that are trusted in binary files (prefixed tokens, armoured keys).
    /// Binary files are most of an image's bytes, and the full set's generic keyword detectors
    /// fire all over compiled code, so binaries get this smaller database (about 3x faster).
    let binaryDatabase: HyperscanDatabase?
    let keyStoreRuleEnabled: Bool
    let maxCaptureCount: Int

    /// - Parameter enabledRuleIds: the rule ids to run (see ``SecretRules/all``); nil runs every rule.
    ///   Unknown ids are an error, so a typo cannot silently disable scanning.
    public init(enabledRuleIds: Set<String>? = nil) throws(SecretScannerError) {
        let allRules = SecretRules.patternRules
        if let enabledRuleIds {
            let known = Set(SecretRules.all.map(\.id))
            let unknown = enabledRuleIds.subtracting(known).sorted()
            if !unknown.isEmpty { throw .unknownRules(unknown) }
        }
        let selected = allRules.filter { enabledRuleIds?.contains($0.metadata.id) ?? true }
        var compiled: [PCRE2Pattern] = []
        compiled.reserveCapacity(selected.count)
        for rule in selected {
            compiled.append(try PCRE2Pattern(rule.pattern, ruleId: rule.metadata.id))
        }
        rules = selected
        patterns = compiled
        maxCaptureCount = compiled.map(\.captureCount).max() ?? 1
        keyStoreRuleEnabled = enabledRuleIds?.contains(KeyStoreFileRule.metadata.id) ?? true
        database = try Self.compile(selected, where: { $0.paths == nil })
        fileNameDatabase = try Self.compile(selected, where: { $0.paths != nil })
        binaryDatabase = try Self.compile(selected, where: { $0.paths == nil && $0.binarySafe })
    }

    private static func compile(
        _ rules: [SecretRule], where include: (SecretRule) -> Bool
    ) throws(SecretScannerError) -> HyperscanDatabase? {
        let indices = rules.indices.filter { include(rules[$0]) }
        guard !indices.isEmpty else { return nil }
        return try HyperscanDatabase(
            patterns: indices.map { DetectorPattern.relaxed(rules[$0].detector ?? rules[$0].pattern) },
            ids: indices.map { UInt32($0) }, ruleIds: indices.map { rules[$0].metadata.id })
    }

    /// A new session for one task (thread). Sessions are cheap (a few KiB of scratch space); reuse
    /// one per task for every file it scans.
    public func makeSession() -> SecretScanSession {
        SecretScanSession(scanner: self)
    }
}
