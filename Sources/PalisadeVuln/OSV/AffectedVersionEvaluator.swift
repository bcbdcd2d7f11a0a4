/// Decides whether one installed version is covered by one `affected[]` entry, exactly as the OSV
/// schema's evaluation section describes, and says why. The version order is injected (the
/// ecosystem's scheme for ECOSYSTEM ranges, SemVer for SEMVER ranges), so the logic is shared.
public enum AffectedVersionEvaluator {
    /// The outcome, with the explanation a user needs to see why a scanner decided as it did.
    public enum Verdict: Sendable, Hashable {
        case affected(because: String)
        case notAffected
        /// A version or event could not be compared: never silently "not affected".
        case notEvaluated(because: String)
    }

    /// - Parameters:
    ///   - compareEcosystem: order of the package's ecosystem (nil result: cannot compare).
    ///   - compareSemver: SemVer 2.0 order for SEMVER ranges.
    public static func evaluate(
        _ version: String, against affected: OSVAffected, compareEcosystem: (String, String) -> Int?,
        compareSemver: (String, String) -> Int?, schemeName: String
    ) -> Verdict {
        // Ranges first: their explanation shows the comparison made. The explicit list decides
        // when no range covers the version (or a range cannot be compared).
        let listed = affected.versions.contains(version)
        let byRange = evaluateRanges(version, affected, compareEcosystem, compareSemver, schemeName)
        switch byRange {
        case .affected(let because):
            return .affected(because: because + (listed ? "; also listed in the advisory's versions" : ""))
        case .notAffected, .notEvaluated:
            if listed { return .affected(because: "\(version) is listed in the advisory's affected versions") }
            return byRange
        }
    }

    static func evaluateRanges(
        _ version: String, _ affected: OSVAffected, _ compareEcosystem: (String, String) -> Int?,
        _ compareSemver: (String, String) -> Int?, _ schemeName: String
    ) -> Verdict {
        var unevaluated: String?
        for (index, range) in affected.ranges.enumerated() {
            let isSemver: Bool
            switch range.kind {
            case .ecosystem: isSemver = false
            case .semver: isSemver = true
            case .git, .other: continue  // commit ranges are matched through `versions` only
            }
            let scheme = isSemver ? "semver" : schemeName
            let outcome =
                isSemver
                ? evaluate(version, range.events, compareSemver) : evaluate(version, range.events, compareEcosystem)
            switch outcome {
            case .some(.some(let reason)):
                return .affected(because: "range \(index + 1) (\(scheme)): \(reason)")
            case .some(.none):
                continue
            case .none:
                unevaluated =
                    unevaluated
                    ?? "range \(index + 1): '\(version)' or an event version is not a valid \(scheme) version"
            }
        }
        if let unevaluated { return .notEvaluated(because: unevaluated) }
        return .notAffected
    }

    /// nil: not comparable; `.some(nil)`: not affected; `.some(reason)`: affected.
    static func evaluate(
        _ version: String, _ events: [OSVEvent], _ compare: (String, String) -> Int?
    ) -> String?? {
        // "0" as introduced means "from the beginning": it sorts first and needs no comparison.
        var keyed: [(event: OSVEvent, isZero: Bool)] = []
        for e in events {
            if case .introduced(let v) = e, v == "0" { keyed.append((e, true)) } else { keyed.append((e, false)) }
        }
        var comparable = true
        keyed.sort { a, b in
            if a.isZero != b.isZero { return a.isZero }
            if a.isZero { return false }
            guard let c = compare(a.event.version, b.event.version) else {
                comparable = false
                return false
            }
            return c < 0
        }
        guard comparable else { return nil }
        // `limit`: versions at or above every limit are outside this range.
        let limits = events.compactMap { e -> String? in if case .limit(let v) = e { v } else { nil } }
        if !limits.isEmpty {
            var below = false
            for l in limits {
                guard let c = compare(version, l) else { return nil }
                if c < 0 { below = true }
            }
            if !below { return .some(nil) }
        }
        var affected = false
        var reason = ""
        for (e, isZero) in keyed {
            switch e {
            case .introduced(let v):
                if isZero {
                    affected = true
                    reason = "introduced at the first version"
                } else {
                    guard let c = compare(version, v) else { return nil }
                    if c >= 0 {
                        affected = true
                        reason = "introduced \(v) <= \(version)"
                    }
                }
            case .fixed(let v):
                guard let c = compare(version, v) else { return nil }
                if c >= 0 {
                    affected = false
                } else if affected {
                    reason += " < fixed \(v)"
                }
            case .lastAffected(let v):
                guard let c = compare(version, v) else { return nil }
                if c > 0 {
                    affected = false
                } else if affected {
                    reason += " <= last_affected \(v)"
                }
            case .limit:
                continue
            }
        }
        return affected ? .some(reason) : .some(nil)
    }

    /// The smallest `fixed` version above `version` in the ranges that affect it, for reports.
    public static func fixedVersion(
        for version: String, in affected: OSVAffected, compare: (String, String) -> Int?
    ) -> String? {
        var best: String?
        for range in affected.ranges where range.kind == .ecosystem || range.kind == .semver {
            for case .fixed(let f) in range.events {
                guard let c = compare(version, f), c < 0 else { continue }
                if let b = best, let d = compare(f, b), d >= 0 { continue }
                best = f
            }
        }
        return best
    }
}
