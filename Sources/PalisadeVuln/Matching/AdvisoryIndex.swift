/// Advisories held in memory, keyed by (OSV ecosystem, canonical package name), so matching one
/// package is a dictionary lookup. For tests and small inputs; the SQLite store of
/// `PalisadeVulnDB` answers the same `AdvisoryLookup` questions from disk.
public struct AdvisoryIndex: Sendable, AdvisoryLookup {
    public private(set) var records: [String: OSVRecord] = [:]
    private var byPackage: [String: [AdvisoryCandidate]] = [:]
    /// id → ids of records that list it as an alias.
    private var aliasedBy: [String: Set<String>] = [:]

    public init(_ records: [OSVRecord] = []) {
        for r in records { add(r) }
    }

    /// Adds a record; withdrawn advisories are not indexed.
    public mutating func add(_ record: OSVRecord) {
        guard record.withdrawn == nil, records[record.id] == nil else { return }
        records[record.id] = record
        for a in record.affected {
            byPackage[Self.key(ecosystem: a.ecosystem, name: a.name), default: []].append(
                AdvisoryCandidate(advisoryID: record.id, affected: a))
        }
        for alias in record.aliases { aliasedBy[alias, default: []].insert(record.id) }
    }

    public func affectedEntries(ecosystem: String, name: String) -> [AdvisoryCandidate] {
        byPackage[Self.key(ecosystem: ecosystem, name: name)] ?? []
    }

    public func advisory(id: String) -> AdvisoryHeader? {
        guard let record = records[id] else { return nil }
        var header = record.header
        var seen = Set(header.aliases)
        for other in (aliasedBy[id] ?? []).sorted() where other != id && seen.insert(other).inserted {
            header.aliases.append(other)
        }
        return header
    }

    static func key(ecosystem: String, name: String) -> String {
        ecosystem + "\u{0}" + AdvisoryNames.canonical(name, ecosystem: ecosystem)
    }
}
