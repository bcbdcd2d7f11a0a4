/// One vulnerability, one finding: matches of a package whose ids overlap are merged.
enum AliasMerging {
    /// Folds matches of one package whose ids overlap (an advisory naming another as alias, or
    /// both naming the same CVE) into one, so each vulnerability is reported once.
    static func mergeAliases(_ found: [VulnerabilityMatch]) -> [VulnerabilityMatch] {
        guard found.count > 1 else { return found }
        // Union-find over the matches' positions, joined through any id they share.
        var parent = Array(found.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var owner: [String: Int] = [:]
        owner.reserveCapacity(found.count * 4)
        var joined = false
        func link(_ id: String, _ i: Int) {
            guard let j = owner[id] else {
                owner[id] = i
                return
            }
            let a = root(i)
            let b = root(j)
            if a != b {
                parent[max(a, b)] = min(a, b)
                joined = true
            }
        }
        for (i, m) in found.enumerated() {
            link(m.advisoryID, i)
            for id in m.aliases { link(id, i) }
        }
        guard joined else { return found }
        // Groups in the order of their first match; members in the order found.
        var slot = [Int](repeating: -1, count: found.count)
        var groups: [[Int]] = []
        for i in found.indices {
            let r = root(i)
            if slot[r] < 0 {
                slot[r] = groups.count
                groups.append([i])
            } else {
                groups[slot[r]].append(i)
            }
        }
        return groups.map { $0.count == 1 ? found[$0[0]] : merge($0.map { found[$0] }) }
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
