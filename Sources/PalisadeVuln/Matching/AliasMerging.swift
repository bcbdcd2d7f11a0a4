/// One vulnerability, one finding: matches of a package whose ids overlap are merged.
enum AliasMerging {
    /// Folds matches of one package whose ids overlap (an advisory naming another as alias, or
    /// both naming the same CVE) into one, so each vulnerability is reported once.
    static func mergeAliases(_ found: [VulnerabilityMatch]) -> [VulnerabilityMatch] {
        guard found.count > 1 else { return found }
        var groups: [[VulnerabilityMatch]] = []
        var groupOfID: [String: Int] = [:]
        for m in found {
            let hits = Set(m.allIDs.compactMap { groupOfID[$0] }).sorted()
            var target: Int
            if let first = hits.first {
                target = first
                for other in hits.dropFirst() {
                    groups[target].append(contentsOf: groups[other])
                    for g in groups[other] { for id in g.allIDs { groupOfID[id] = target } }
                    groups[other] = []
                }
                groups[target].append(m)
            } else {
                target = groups.count
                groups.append([m])
            }
            for id in m.allIDs { groupOfID[id] = target }
        }
        return groups.filter { !$0.isEmpty }.map(merge)
    }

    /// The preferred advisory of a group reports; the others' ids become aliases. The best-founded
    /// severity (a CVSS vector over a database's word) and the first published fix are kept.
    static func merge(_ group: [VulnerabilityMatch]) -> VulnerabilityMatch {
        let ordered = group.sorted { idRank($0.advisoryID) < idRank($1.advisoryID) }
        var best = ordered[0]
        guard ordered.count > 1 else { return best }
        var ids: [String] = []
        var seen: Set<String> = [best.advisoryID]
        for m in ordered {
            for id in m.allIDs where seen.insert(id).inserted { ids.append(id) }
        }
        best.aliases = ids
        for m in ordered.dropFirst() {
            if ratingRank(m) > ratingRank(best) || (ratingRank(m) == ratingRank(best) && m.severity > best.severity) {
                best.cvss = m.cvss
                best.severity = m.severity
                best.severitySource = m.severitySource
            }
            if best.fixedVersion == nil { best.fixedVersion = m.fixedVersion }
            if best.summary == nil { best.summary = m.summary }
            best.explanation += "; " + m.explanation
        }
        return best
    }

    /// Ecosystem databases first (PYSEC, GO, RUSTSEC, DSA, ALPINE…), then GHSA, then bare CVEs.
    static func idRank(_ id: String) -> (Int, String) {
        if id.hasPrefix("CVE-") { return (2, id) }
        if id.hasPrefix("GHSA-") { return (1, id) }
        return (0, id)
    }

    /// A CVSS vector beats a database's word, which beats no rating at all.
    static func ratingRank(_ m: VulnerabilityMatch) -> Int {
        m.cvss != nil ? 2 : (m.severitySource.hasPrefix("unknown") ? 0 : 1)
    }
}
