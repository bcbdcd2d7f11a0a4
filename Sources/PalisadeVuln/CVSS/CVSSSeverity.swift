/// The qualitative severity rating scale shared by CVSS v3.x and v4.0 (FIRST CVSS v3.1
/// specification section 5, v4.0 specification section 6). Findings carry this rating rather than
/// a vendor's free-text label so that two advisories with the same vector always rank the same.
public enum CVSSSeverity: String, Sendable, Hashable, CaseIterable {
    case none, low, medium, high, critical

    /// Rates a base score: 0.0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
    /// Scores are compared in tenths so that floating-point noise cannot move a boundary.
    public init(score: Double) {
        let tenths = Int((score * 10).rounded())
        switch tenths {
        case ...0: self = .none
        case 1...39: self = .low
        case 40...69: self = .medium
        case 70...89: self = .high
        default: self = .critical
        }
    }
}
