import Foundation

/// A CVSS v3.0 or v3.1 vector and the base score computed from it with the FIRST CVSS v3.1
/// specification, section 7.1 (v3.0 vectors use v3.0's simpler round-up, section 8.1 of the v3.0
/// specification). Temporal and environmental metrics are validated but do not change the base score.
public struct CVSSv3: Sendable, Hashable {
    /// `3.0` or `3.1`.
    public let version: String
    /// The eight base metric values by abbreviation (`AV`, `AC`, `PR`, `UI`, `S`, `C`, `I`, `A`).
    public let baseMetrics: [String: String]
    /// Base score, 0.0–10.0, one decimal.
    public var baseScore: Double
    /// Qualitative rating of `baseScore`.
    public var severity: CVSSSeverity

    /// Parses a `CVSS:3.0/…` or `CVSS:3.1/…` vector; nil when any metric is missing, repeated,
    /// unknown or has an unknown value.
    public init?(vector: String) {
        let version: String
        if vector.hasPrefix("CVSS:3.1/") {
            version = "3.1"
        } else if vector.hasPrefix("CVSS:3.0/") {
            version = "3.0"
        } else {
            return nil
        }
        let parser = CVSSVectorParser(
            prefix: "CVSS:\(version)/", allowedValues: Self.allowedValues, required: Self.baseMetricNames)
        guard let metrics = parser.parse(vector) else { return nil }
        var base: [String: String] = [:]
        for name in Self.baseMetricNames { base[name] = metrics[name] }
        guard let score = Self.computeBaseScore(base, version: version) else { return nil }
        self.version = version
        self.baseMetrics = base
        self.baseScore = score
        self.severity = CVSSSeverity(score: score)
    }

    static let baseMetricNames = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]

    static let allowedValues: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "PR": ["N", "L", "H"], "UI": ["N", "R"],
        "S": ["U", "C"], "C": ["H", "L", "N"], "I": ["H", "L", "N"], "A": ["H", "L", "N"],
        // Temporal.
        "E": ["X", "U", "P", "F", "H"], "RL": ["X", "O", "T", "W", "U"], "RC": ["X", "U", "R", "C"],
        // Environmental.
        "CR": ["X", "L", "M", "H"], "IR": ["X", "L", "M", "H"], "AR": ["X", "L", "M", "H"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MPR": ["X", "N", "L", "H"],
        "MUI": ["X", "N", "R"], "MS": ["X", "U", "C"], "MC": ["X", "N", "L", "H"], "MI": ["X", "N", "L", "H"],
        "MA": ["X", "N", "L", "H"],
    ]

    /// Section 7.1 of the v3.1 specification, weights from section 7.4.
    static func computeBaseScore(_ m: [String: String], version: String) -> Double? {
        let scopeChanged = m["S"] == "C"
        guard let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][m["AV"] ?? ""],
            let ac = ["L": 0.77, "H": 0.44][m["AC"] ?? ""],
            let pr = (scopeChanged ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[
                m["PR"] ?? ""],
            let ui = ["N": 0.85, "R": 0.62][m["UI"] ?? ""],
            let c = impactWeight(m["C"]), let i = impactWeight(m["I"]), let a = impactWeight(m["A"])
        else { return nil }
        let iss = 1 - ((1 - c) * (1 - i) * (1 - a))
        let impact: Double
        if scopeChanged {
            impact = 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15)
        } else {
            impact = 6.42 * iss
        }
        let exploitability = 8.22 * av * ac * pr * ui
        guard impact > 0 else { return 0 }
        let raw = scopeChanged ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return version == "3.0" ? roundUpV30(raw) : roundUpV31(raw)
    }

    private static func impactWeight(_ value: String?) -> Double? {
        ["H": 0.56, "L": 0.22, "N": 0][value ?? ""]
    }

    /// v3.1 Roundup (Appendix A): works on an integer of 1/100000ths so that inputs such as
    /// 4.000000000000001 (floating-point noise) round to 4.0, not 4.1.
    static func roundUpV31(_ input: Double) -> Double {
        let intInput = Int((input * 100_000).rounded())
        if intInput % 10_000 == 0 { return Double(intInput) / 100_000 }
        return Double(intInput / 10_000 + 1) / 10
    }

    /// v3.0 round-up: the smallest one-decimal number not below the input.
    static func roundUpV30(_ input: Double) -> Double {
        (input * 10).rounded(.up) / 10
    }
}
