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
        _ version: String, against affected: OSVAffected, compareEcosystem: @escaping (String, String) -> Int?,
        compareSemver: @escaping (String, String) -> Int?, schemeName: String
    ) -> Verdict {
        evaluate(
            version, against: affected, ecosystemOrder: ClosureVersionOrder(compareEcosystem),
            semverOrder: ClosureVersionOrder(compareSemver), schemeName: schemeName)
    }

    /// The same decision on parsed versions: the installed version is parsed once per entry and
    /// each event once, instead of both on every comparison. What the matcher uses.
    public static func evaluate<Ecosystem: VersionOrder, SemVer: VersionOrder>(
        _ version: String, against affected: OSVAffected, ecosystemOrder: Ecosystem, semverOrder: SemVer,
        schemeName: String
    ) -> Verdict {
        // Ranges first: their explanation shows the comparison made. The explicit list decides
        // when no range covers the version (or a range cannot be compared).
        let listed = affected.versions.contains(version)
        let byRange = evaluateRanges(version, affected, ecosystemOrder, semverOrder, schemeName)
        switch byRange {
        case .affected(let because):
            return .affected(because: because + (listed ? "; also listed in the advisory's versions" : ""))
        case .notAffected, .notEvaluated:
            if listed { return .affected(because: "\(version) is listed in the advisory's affected versions") }
            return byRange
        }
    }

    static func evaluateRanges<Ecosystem: VersionOrder, SemVer: VersionOrder>(
        _ version: String, _ affected: OSVAffected, _ ecosystemOrder: Ecosystem, _ semverOrder: SemVer,
        _ schemeName: String
    ) -> Verdict {
        var unevaluated: String?
        var installedInEcosystem: Ecosystem.Version??
        var installedInSemver: SemVer.Version??
        for (index, range) in affected.ranges.enumerated() {
            let scheme: String
            let outcome: String??
            switch range.kind {
            case .ecosystem:
                scheme = schemeName
                if installedInEcosystem == nil { installedInEcosystem = .some(ecosystemOrder.version(version)) }
                outcome = evaluate(version, installedInEcosystem!, range.events, ecosystemOrder)
            case .semver:
                scheme = "semver"
                if installedInSemver == nil { installedInSemver = .some(semverOrder.version(version)) }
                outcome = evaluate(version, installedInSemver!, range.events, semverOrder)
            case .git, .other: continue  // commit ranges are matched through `versions` only
            }
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
    static func evaluate<Order: VersionOrder>(
        _ text: String, _ installed: Order.Version?, _ events: [OSVEvent], _ order: Order
    ) -> String?? {
        guard let installed else { return nil }
        // Parsed event versions by position (nil: `introduced: "0"`, "from the beginning", which
        // sorts first and needs no comparison); walked through `sorted`, a permutation, so the
        // parsed values are never copied around.
        var parsed: [Order.Version?] = []
        parsed.reserveCapacity(events.count)
        var limited = false
        var belowALimit = false
        for event in events {
            if case .introduced(let v) = event, v == "0" {
                parsed.append(nil)
                continue
            }
            guard let version = order.version(event.version) else { return nil }
            if case .limit = event {
                // `limit`: versions at or above every limit are outside this range.
                limited = true
                if installed < version { belowALimit = true }
            }
            parsed.append(version)
        }
        if limited && !belowALimit { return .some(nil) }
        func precedes(_ a: Int, _ b: Int) -> Bool {
            guard let y = parsed[b] else { return false }
            guard let x = parsed[a] else { return true }
            return x < y
        }
        var sorted = Array(events.indices)
        // Databases list events in order almost always: check before sorting.
        if sorted.count > 1, (1..<sorted.count).contains(where: { precedes($0, $0 - 1) }) {
            sorted.sort(by: precedes)
        }
        var affected = false
        var introducedAt = -1
        var bounds: [Int] = []
        for i in sorted {
            switch events[i] {
            case .introduced:
                if parsed[i].map({ installed >= $0 }) ?? true {
                    affected = true
                    introducedAt = i
                    bounds.removeAll()
                }
            case .fixed:
                if installed >= parsed[i]! {
                    affected = false
                } else if affected {
                    bounds.append(i)
                }
            case .lastAffected:
                if installed > parsed[i]! {
                    affected = false
                } else if affected {
                    bounds.append(i)
                }
            case .limit:
                continue
            }
        }
        guard affected else { return .some(nil) }
        // The explanation is built only for matches.
        var reason =
            parsed[introducedAt] == nil
            ? "introduced at the first version" : "introduced \(events[introducedAt].version) <= \(text)"
        for i in bounds {
            switch events[i] {
            case .fixed(let v): reason += " < fixed \(v)"
            case .lastAffected(let v): reason += " <= last_affected \(v)"
            default: continue
            }
        }
        return .some(reason)
    }

    /// The smallest `fixed` version above `version` in the ranges that affect it, for reports.
    public static func fixedVersion(
        for version: String, in affected: OSVAffected, compare: @escaping (String, String) -> Int?
    ) -> String? {
        fixedVersion(for: version, in: affected, order: ClosureVersionOrder(compare))
    }

    /// `fixedVersion(for:in:compare:)` on parsed versions.
    public static func fixedVersion<Order: VersionOrder>(
        for version: String, in affected: OSVAffected, order: Order
    ) -> String? {
        guard let installed = order.version(version) else { return nil }
        var best: (text: String, version: Order.Version)?
        for range in affected.ranges where range.kind == .ecosystem || range.kind == .semver {
            for case .fixed(let f) in range.events {
                guard let fixed = order.version(f), installed < fixed else { continue }
                if let b = best, fixed >= b.version { continue }
                best = (f, fixed)
            }
        }
        return best?.text
    }
}
