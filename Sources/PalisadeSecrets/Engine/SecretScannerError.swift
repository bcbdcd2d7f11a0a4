/// Why a ``SecretScanner`` could not be built. These are programming errors in the rule set or a
/// broken Hyperscan/PCRE2 installation, never a property of scanned data, so they are reported once
/// at start-up with the offending rule named.
public enum SecretScannerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2 rejected a rule's pattern.
    case invalidPattern(ruleId: String, offset: Int, reason: String)
    /// Hyperscan rejected a rule's detector pattern (or the database as a whole when `ruleId` is nil).
    case detectorCompilation(ruleId: String?, reason: String)
    /// `enabledRuleIds` named rules that do not exist.
    case unknownRules([String])

    public var description: String {
        switch self {
        case .invalidPattern(let id, let offset, let reason):
            "secret rule \(id): PCRE2 rejected the pattern at offset \(offset): \(reason)"
        case .detectorCompilation(let id?, let reason):
            "secret rule \(id): Hyperscan rejected the detector: \(reason)"
        case .detectorCompilation(nil, let reason):
            "secret rules: Hyperscan could not build the database: \(reason)"
        case .unknownRules(let ids):
            "unknown secret rule id(s): \(ids.joined(separator: ", "))"
        }
    }
}
