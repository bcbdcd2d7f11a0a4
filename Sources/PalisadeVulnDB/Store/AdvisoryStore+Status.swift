extension AdvisoryStore {
    public func status() throws(AdvisoryStoreError) -> StoreStatus {
        let perEcosystem = try db.prepare(
            "SELECT ecosystem, count(DISTINCT advisory_rowid) FROM affected GROUP BY ecosystem")
        var counts: [String: Int] = [:]
        while try perEcosystem.step() { counts[perEcosystem.text(0) ?? "", default: 0] += Int(perEcosystem.int(1)) }
        let total = Int(try Self.int(db, "SELECT count(*) FROM advisory"))
        // Pages in use, not the main file's length: right after an import most pages still sit in the WAL.
        let size = try Self.int(db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return StoreStatus(
            advisoriesPerEcosystem: counts, totalAdvisories: total, fileSizeBytes: size, builtAt: try meta("built_at"),
            lastImportAt: try meta("last_import"), schemaVersion: Int(try meta("schema") ?? "") ?? 0,
            sources: try sources())
    }

    /// Records (or replaces) the bookkeeping of one feed.
    public func setSource(_ source: AdvisorySource) throws(AdvisoryStoreError) {
        guard !readOnly else { throw AdvisoryStoreError("\(path): opened read-only") }
        let statement = try db.prepare(
            "INSERT OR REPLACE INTO source(ecosystem, url, etag, last_modified, sha256, fetched_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        statement.bind(1, source.ecosystem)
        statement.bind(2, source.url)
        statement.bind(3, source.etag)
        statement.bind(4, source.lastModified)
        statement.bind(5, source.sha256)
        statement.bind(6, source.fetchedAt)
        try statement.run()
    }

    public func sources() throws(AdvisoryStoreError) -> [AdvisorySource] {
        let statement = try db.prepare(
            "SELECT ecosystem, url, etag, last_modified, sha256, fetched_at FROM source ORDER BY ecosystem")
        var out: [AdvisorySource] = []
        while try statement.step() {
            out.append(
                AdvisorySource(
                    ecosystem: statement.text(0) ?? "", url: statement.text(1) ?? "", etag: statement.text(2),
                    lastModified: statement.text(3), sha256: statement.text(4), fetchedAt: statement.text(5) ?? ""))
        }
        return out
    }
}
