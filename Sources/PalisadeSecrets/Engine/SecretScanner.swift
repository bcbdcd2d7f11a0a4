import PalisadeCore

/// The compiled secret rule set: one Hyperscan database for detection plus one PCRE2 pattern per
/// rule for extraction. Compile once (~100 ms) and share it across tasks; each task scans through
/// its own ``SecretScanSession``, which owns the per-thread scratch memory.
public final class SecretScanner: Sendable {
    /// Enabled pattern rules; a rule's index here is its Hyperscan id.
    let rules: [SecretRule]
    let patterns: [PCRE2Pattern]
    /// nil when no pattern rule is enabled.
    let database: HyperscanDatabase?
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
        database =
            selected.isEmpty
            ? nil
            : try HyperscanDatabase(
                patterns: selected.map { DetectorPattern.relaxed($0.detector ?? $0.pattern) },
                ruleIds: selected.map(\.metadata.id))
    }

    /// A new session for one task (thread). Sessions are cheap (a few KiB of scratch space); reuse
    /// one per task for every file it scans.
    public func makeSession() -> SecretScanSession {
        SecretScanSession(scanner: self)
    }
}
