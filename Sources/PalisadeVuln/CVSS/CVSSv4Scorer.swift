/// The CVSS v4.0 scoring steps for one vector's base metrics, kept apart from parsing so that each
/// step mirrors a step of the FIRST reference implementation (cvss_score.js) and can be checked
/// against it line by line. For CVSS-B the threat metric E counts as A (worst case) and the
/// security requirements CR/IR/AR as H, exactly as the reference does for unset metrics.
struct CVSSv4Scorer {
    let base: [String: String]

    /// Effective value of a metric for the base score.
    private func value(_ metric: String) -> String {
        switch metric {
        case "E": return "A"
        case "CR", "IR", "AR": return "H"
        default: return base[metric] ?? ""
        }
    }

    /// EQ1–EQ6 levels (section 8.2 tables 24–29).
    func macroVector() -> [Int] {
        let av = value("AV")
        let pr = value("PR")
        let ui = value("UI")
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" {
            eq1 = 0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = value("AC") == "L" && value("AT") == "N" ? 0 : 1
        let vc = value("VC")
        let vi = value("VI")
        let va = value("VA")
        let eq3: Int
        if vc == "H" && vi == "H" {
            eq3 = 0
        } else if vc == "H" || vi == "H" || va == "H" {
            eq3 = 1
        } else {
            eq3 = 2
        }
        // Base vectors cannot carry MSI/MSA:S, so EQ4 level 0 is unreachable here.
        let eq4 = value("SC") == "H" || value("SI") == "H" || value("SA") == "H" ? 1 : 2
        let eq5 = ["A": 0, "P": 1, "U": 2][value("E")] ?? 0
        let highWithRequirement =
            (value("CR") == "H" && vc == "H") || (value("IR") == "H" && vi == "H")
            || (value("AR") == "H" && va == "H")
        let eq6 = highWithRequirement ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    private static func key(_ eq: [Int]) -> String {
        eq.map(String.init).joined()
    }

    private static func lookup(_ eq: [Int]) -> Double? {
        CVSSv4Tables.macroVectorScores[key(eq)]
    }

    private static func adding(_ eq: [Int], _ index: Int) -> [Int] {
        var next = eq
        next[index] += 1
        return next
    }

    /// Severity levels in tenths, as in the reference (lower is more severe).
    private static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3], "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2], "AC": ["L": 0.0, "H": 0.1], "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2], "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2], "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3], "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2], "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    private static func parsePartial(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: "/") {
            let pair = part.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
        }
        return result
    }

    /// The base score, or nil if the metrics fall outside the tables (cannot happen for a parsed
    /// vector; reported rather than trapped).
    func score() -> Double? {
        let impacts = ["VC", "VI", "VA", "SC", "SI", "SA"]
        if impacts.allSatisfy({ value($0) == "N" }) { return 0.0 }
        let eq = macroVector()
        guard var result = Self.lookup(eq) else { return nil }
        let (eq1, eq2, eq3, eq4, eq6) = (eq[0], eq[1], eq[2], eq[3], eq[5])

        // 1a. Scores of the next lower MacroVectors; a missing one is ignored (NaN in the reference).
        let lowerEQ1 = Self.lookup(Self.adding(eq, 0))
        let lowerEQ2 = Self.lookup(Self.adding(eq, 1))
        let lowerEQ3EQ6: Double?
        switch (eq3, eq6) {
        case (1, 1), (0, 1): lowerEQ3EQ6 = Self.lookup(Self.adding(eq, 2))
        case (1, 0): lowerEQ3EQ6 = Self.lookup(Self.adding(eq, 5))
        case (0, 0):
            let left = Self.lookup(Self.adding(eq, 5))
            let right = Self.lookup(Self.adding(eq, 2))
            // The reference compares with `>`, which is false when either side is missing.
            if let left, let right, left > right { lowerEQ3EQ6 = left } else { lowerEQ3EQ6 = right }
        default: lowerEQ3EQ6 = Self.lookup(Self.adding(Self.adding(eq, 2), 5))
        }
        let lowerEQ4 = Self.lookup(Self.adding(eq, 3))
        let lowerEQ5 = Self.lookup(Self.adding(eq, 4))

        // 1b. Severity distance from the first highest-severity vector of this MacroVector that the
        // scored vector does not exceed; as in the reference, the last candidate is used if none fits.
        guard eq1 < CVSSv4Tables.eq1Maxes.count, eq2 < CVSSv4Tables.eq2Maxes.count,
            eq3 < CVSSv4Tables.eq3eq6Maxes.count, eq6 < CVSSv4Tables.eq3eq6Maxes[eq3].count,
            eq4 < CVSSv4Tables.eq4Maxes.count
        else { return nil }
        let metricNames = ["AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"]
        var distance: [String: Double] = [:]
        var found = false
        for max1 in CVSSv4Tables.eq1Maxes[eq1] where !found {
            for max2 in CVSSv4Tables.eq2Maxes[eq2] where !found {
                for max3 in CVSSv4Tables.eq3eq6Maxes[eq3][eq6] where !found {
                    for max4 in CVSSv4Tables.eq4Maxes[eq4] where !found {
                        let maxVector = Self.parsePartial(max1 + max2 + max3 + max4)
                        distance = [:]
                        for name in metricNames {
                            guard let mine = Self.levels[name]?[value(name)],
                                let theirs = Self.levels[name]?[maxVector[name] ?? ""]
                            else { return nil }
                            distance[name] = mine - theirs
                        }
                        found = !distance.values.contains { $0 < 0 }
                    }
                }
            }
        }
        func d(_ name: String) -> Double { distance[name] ?? 0 }
        let distanceEQ1 = d("AV") + d("PR") + d("UI")
        let distanceEQ2 = d("AC") + d("AT")
        let distanceEQ3EQ6 = d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR")
        let distanceEQ4 = d("SC") + d("SI") + d("SA")

        // 1c–d. Proportion of each distance to the MacroVector depth times the score gap.
        let step = 0.1
        guard eq3 < CVSSv4Tables.eq3eq6MaxSeverity.count, eq6 < CVSSv4Tables.eq3eq6MaxSeverity[eq3].count
        else { return nil }
        let parts: [(lower: Double?, distance: Double, depth: Double)] = [
            (lowerEQ1, distanceEQ1, CVSSv4Tables.eq1MaxSeverity[eq1] * step),
            (lowerEQ2, distanceEQ2, CVSSv4Tables.eq2MaxSeverity[eq2] * step),
            (lowerEQ3EQ6, distanceEQ3EQ6, CVSSv4Tables.eq3eq6MaxSeverity[eq3][eq6] * step),
            (lowerEQ4, distanceEQ4, CVSSv4Tables.eq4MaxSeverity[eq4] * step),
            // EQ5's proportion is always 0, but an existing lower MacroVector still counts.
            (lowerEQ5, 0, 1),
        ]
        var existing = 0
        var sum = 0.0
        for part in parts {
            guard let lower = part.lower else { continue }
            existing += 1
            sum += (result - lower) * (part.distance / part.depth)
        }
        // 2–3. Subtract the mean, clamp, round to one decimal (JavaScript Math.round).
        if existing > 0 { result -= sum / Double(existing) }
        result = Swift.min(Swift.max(result, 0), 10)
        // The reference rounds with a 1e-6 nudge so that x.x5 ties hidden by float noise round up.
        return ((result + 0.000_001) * 10 + 0.5).rounded(.down) / 10
    }
}
