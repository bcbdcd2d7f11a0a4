import CSQLite
import PalisadeVuln

/// The advisory database behind `palisade db` and vulnerability scans: one SQLite file in WAL mode, so scans can
/// read while an update writes. Advisories are stored as a compact binary header plus one row per `affected[]`
/// entry keyed by (ecosystem, canonical name), so a scan decodes only what matches installed packages.
/// Not thread-safe: one store per thread (open another for concurrent readers). Lookups are cached
/// for the store's life, so a scan sees one consistent database; open a new store to see later imports.
public final class AdvisoryStore: AdvisoryLookup {
    /// The schema this build reads and writes; files with a newer one are refused.
    public static let schemaVersion = 1

    public let path: String
    public let readOnly: Bool
    let db: SQLiteConnection
    private var headerCache: [String: AdvisoryHeader] = [:]
    /// Entries per (ecosystem, canonical name): an image often holds one package many times
    /// (vendored copies, several site-packages), and popular names carry hundreds of entries.
    private var entryCache: [String: [String: [AdvisoryCandidate]]] = [:]
    /// Package names with advisories, per ecosystem, loaded on first use: most installed packages
    /// have none, and a set lookup is ~50x cheaper than an indexed SQL query.
    private var namesByEcosystem: [String: Set<String>] = [:]
    /// Encoded headers of advisories whose entries were read, with the ids of advisories naming
    /// them as alias: the entries query reads both in the same row, far cheaper than two more
    /// lookups by id for each match.
    private var headerBytes: [String: (header: [UInt8], aliasedBy: String?)] = [:]
    private lazy var affectedQuery = try? db.prepare(
        "SELECT advisory.id, affected.entry, advisory.header, "
            + "(SELECT group_concat(alias.advisory_id, char(31)) FROM alias WHERE alias.alias = advisory.id) "
            + "FROM affected JOIN advisory ON advisory.rowid = affected.advisory_rowid "
            + "WHERE affected.ecosystem = ?1 AND affected.name_key = ?2 ORDER BY affected.rowid")
    private lazy var headerQuery = try? db.prepare("SELECT header FROM advisory WHERE id = ?1")
    private lazy var aliasedByQuery = try? db.prepare(
        "SELECT advisory_id FROM alias WHERE alias = ?1 ORDER BY advisory_id")

    private init(path: String, readOnly: Bool, db: SQLiteConnection) {
        self.path = path
        self.readOnly = readOnly
        self.db = db
    }

    /// Opens (and when writable, creates) the database at `path`. A file that is not an advisory database of a
    /// schema this build understands is refused with a one-line reason naming it.
    public static func open(path: String, readOnly: Bool) throws(AdvisoryStoreError) -> AdvisoryStore {
        let db = try SQLiteConnection(path: path, readOnly: readOnly)
        sqlite3_busy_timeout(db.handle, 5000)
        let store = AdvisoryStore(path: path, readOnly: readOnly, db: db)
        do {
            try store.prepareSchema()
        } catch {
            throw AdvisoryStoreError("\(path): not a usable advisory database (\(error.reason))")
        }
        return store
    }

    private func prepareSchema() throws(AdvisoryStoreError) {
        // Touching the schema is the first read: a non-SQLite file fails here ("file is not a database").
        let existing = try Self.int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
        if existing == 1 {
            let statement = try db.prepare("SELECT value FROM meta WHERE key = 'schema'")
            guard try statement.step(), let text = statement.text(0), let version = Int(text) else {
                throw AdvisoryStoreError("no schema version")
            }
            statement.reset()  // an unfinished read would lock the schema against the index change below
            guard version <= Self.schemaVersion else {
                throw AdvisoryStoreError(
                    "schema \(version) is newer than this palisade understands (\(Self.schemaVersion)); upgrade palisade"
                )
            }
            if !readOnly {
                try db.execute("PRAGMA journal_mode = WAL")
                // Databases written before the covering alias index get it on their next update.
                try db.execute(
                    "CREATE INDEX IF NOT EXISTS alias_lookup ON alias(alias, advisory_id); DROP INDEX IF EXISTS alias_by_alias"
                )
            }
            return
        }
        if readOnly {
            let tables = try Self.int(db, "SELECT count(*) FROM sqlite_master")
            throw AdvisoryStoreError(tables == 0 ? "empty database" : "not an advisory database")
        }
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute(
            """
            BEGIN;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE advisory(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, modified TEXT NOT NULL,
                header BLOB NOT NULL);
            CREATE TABLE affected(rowid INTEGER PRIMARY KEY, advisory_rowid INTEGER NOT NULL, ecosystem TEXT NOT NULL,
                name_key TEXT NOT NULL, entry BLOB NOT NULL);
            CREATE INDEX affected_package ON affected(ecosystem, name_key);
            CREATE INDEX affected_advisory ON affected(advisory_rowid);
            CREATE TABLE alias(advisory_id TEXT NOT NULL, alias TEXT NOT NULL);
            CREATE INDEX alias_by_advisory ON alias(advisory_id);
            CREATE INDEX alias_lookup ON alias(alias, advisory_id);
            CREATE TABLE source(ecosystem TEXT PRIMARY KEY, url TEXT, etag TEXT, last_modified TEXT, sha256 TEXT,
                fetched_at TEXT);
            INSERT INTO meta(key, value) VALUES ('schema', '\(Self.schemaVersion)');
            COMMIT;
            """)
    }

    static func int(_ db: SQLiteConnection, _ sql: String) throws(AdvisoryStoreError) -> Int64 {
        let statement = try db.prepare(sql)
        return try statement.step() ? statement.int(0) : 0
    }

    func meta(_ key: String) throws(AdvisoryStoreError) -> String? {
        let statement = try db.prepare("SELECT value FROM meta WHERE key = ?1")
        statement.bind(1, key)
        return try statement.step() ? statement.text(0) : nil
    }

    func setMeta(_ key: String, _ value: String) throws(AdvisoryStoreError) {
        let statement = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)")
        statement.bind(1, key)
        statement.bind(2, value)
        try statement.run()
    }

    func forgetCachedHeaders() {
        headerCache.removeAll()
        headerBytes.removeAll()
        entryCache.removeAll()
        namesByEcosystem.removeAll()
    }

    private func names(in ecosystem: String) throws(AdvisoryLookupError) -> Set<String> {
        if let known = namesByEcosystem[ecosystem] { return known }
        var names: Set<String> = []
        do {
            let query = try db.prepare("SELECT DISTINCT name_key FROM affected WHERE ecosystem = ?1")
            query.bind(1, ecosystem)
            while try query.step() { if let n = query.text(0) { names.insert(n) } }
        } catch {
            throw AdvisoryLookupError("\(path): \(error.reason)")
        }
        namesByEcosystem[ecosystem] = names
        return names
    }

    // MARK: AdvisoryLookup

    public func affectedEntries(ecosystem: String, name: String) throws(AdvisoryLookupError) -> [AdvisoryCandidate] {
        let nameKey = AdvisoryNames.canonical(name, ecosystem: ecosystem)
        guard try names(in: ecosystem).contains(nameKey) else { return [] }
        if let cached = entryCache[ecosystem]?[nameKey] { return cached }
        guard let query = affectedQuery else { throw AdvisoryLookupError("\(path): \(db.lastError)") }
        query.reset()
        query.bind(1, ecosystem)
        query.bind(2, nameKey)
        defer { query.reset() }
        var out: [AdvisoryCandidate] = []
        do {
            while try query.step() {
                let id = query.text(0) ?? ""
                let affected = try RecordCodec.decodeAffected(query.blob(1))
                out.append(AdvisoryCandidate(advisoryID: id, affected: affected))
                if headerCache[id] == nil, headerBytes[id] == nil {
                    headerBytes[id] = (Array(query.blob(2)), query.text(3))
                }
            }
        } catch let error as CodecError {
            throw AdvisoryLookupError("\(path): corrupt affected entry (\(error.reason))")
        } catch {
            throw AdvisoryLookupError("\(error)")
        }
        entryCache[ecosystem, default: [:]][nameKey] = out
        return out
    }

    public func advisory(id: String) throws(AdvisoryLookupError) -> AdvisoryHeader? {
        if let cached = headerCache[id] { return cached }
        guard let headerQuery, let aliasedByQuery else { throw AdvisoryLookupError("\(path): \(db.lastError)") }
        var header: AdvisoryHeader
        do {
            var aliasedBy: [String] = []
            if let read = headerBytes.removeValue(forKey: id) {
                header = try read.header.withUnsafeBytes { bytes throws(CodecError) in
                    try RecordCodec.decodeHeader(bytes)
                }
                if let ids = read.aliasedBy {
                    aliasedBy = ids.split(separator: "\u{1F}").map(String.init).sorted()
                }
            } else {
                headerQuery.reset()
                headerQuery.bind(1, id)
                defer { headerQuery.reset() }
                guard try headerQuery.step() else { return nil }
                header = try RecordCodec.decodeHeader(headerQuery.blob(0))
                aliasedByQuery.reset()
                aliasedByQuery.bind(1, id)
                defer { aliasedByQuery.reset() }
                while try aliasedByQuery.step() { if let other = aliasedByQuery.text(0) { aliasedBy.append(other) } }
            }
            var seen: Set<String> = [id]
            var aliases: [String] = []
            for alias in header.aliases + aliasedBy where seen.insert(alias).inserted { aliases.append(alias) }
            header.aliases = aliases
        } catch let error as CodecError {
            throw AdvisoryLookupError("\(path): corrupt advisory \(id) (\(error.reason))")
        } catch {
            throw AdvisoryLookupError("\(error)")
        }
        headerCache[id] = header
        return header
    }
}
