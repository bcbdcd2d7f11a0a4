/// A CVSS v4.0 vector and its base score (CVSS-B) computed with the FIRST v4.0 algorithm
/// (specification section 8.2, reference implementation cvss_score.js): the vector is placed in one
/// of 270 MacroVectors by equivalence sets EQ1–EQ6, takes that MacroVector's table score, and is
/// moved down by the mean proportional severity distance to the next lower MacroVectors.
/// Threat, environmental and supplemental metrics are validated but not used: CVSS-B only.
public struct CVSSv4: Sendable, Hashable {
    /// The eleven base metric values by abbreviation (`AV`, `AC`, `AT`, `PR`, `UI`, `VC`, `VI`,
    /// `VA`, `SC`, `SI`, `SA`).
    public let baseMetrics: [String: String]
    /// Base score (CVSS-B), 0.0–10.0, one decimal.
    public var baseScore: Double
    /// Qualitative rating of `baseScore`.
    public var severity: CVSSSeverity

    /// Parses a `CVSS:4.0/…` vector; nil when any base metric is missing, any metric is repeated
    /// or unknown, or any value is not defined for its metric.
    public init?(vector: String) {
        let parser = CVSSVectorParser(
            prefix: "CVSS:4.0/", allowedValues: Self.allowedValues, required: Self.baseMetricNames)
        guard let metrics = parser.parse(vector) else { return nil }
        var base: [String: String] = [:]
        for name in Self.baseMetricNames { base[name] = metrics[name] }
        guard let score = CVSSv4Scorer(base: base).score() else { return nil }
        self.baseMetrics = base
        self.baseScore = score
        self.severity = CVSSSeverity(score: score)
    }

    static let baseMetricNames = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]

    private static let impact: Set<String> = ["H", "L", "N"]
    private static let requirement: Set<String> = ["X", "H", "M", "L"]
    static let allowedValues: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
        "UI": ["N", "P", "A"], "VC": impact, "VI": impact, "VA": impact, "SC": impact, "SI": impact,
        "SA": impact,
        // Threat.
        "E": ["X", "A", "P", "U"],
        // Environmental.
        "CR": requirement, "IR": requirement, "AR": requirement,
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"],
        "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"], "MVC": ["X", "H", "L", "N"],
        "MVI": ["X", "H", "L", "N"], "MVA": ["X", "H", "L", "N"], "MSC": ["X", "H", "L", "N"],
        "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
        // Supplemental.
        "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"], "V": ["X", "D", "C"],
        "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]
}
