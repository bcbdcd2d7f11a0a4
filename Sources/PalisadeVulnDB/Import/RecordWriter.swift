import PalisadeVuln

/// Writes parsed records into the store inside the caller's transaction, with the incremental rules: a newer
/// `modified` replaces, equal or older is ignored, withdrawn deletes.
final class RecordWriter {
    private let db: SQLiteConnection
    private let findModified: SQLiteStatement
    private let insertAdvisory: SQLiteStatement
    private let updateAdvisory: SQLiteStatement
    private let deleteAdvisory: SQLiteStatement
    private let deleteAffected: SQLiteStatement
    private let deleteAliases: SQLiteStatement
    private let insertAffected: SQLiteStatement
    private let insertAlias: SQLiteStatement

    init(_ db: SQLiteConnection) throws(AdvisoryStoreError) {
        self.db = db
        findModified = try db.prepare("SELECT rowid, modified FROM advisory WHERE id = ?1")
        insertAdvisory = try db.prepare("INSERT INTO advisory(id, modified, header) VALUES (?1, ?2, ?3)")
        updateAdvisory = try db.prepare("UPDATE advisory SET modified = ?2, header = ?3 WHERE rowid = ?1")
        deleteAdvisory = try db.prepare("DELETE FROM advisory WHERE rowid = ?1")
        deleteAffected = try db.prepare("DELETE FROM affected WHERE advisory_rowid = ?1")
        deleteAliases = try db.prepare("DELETE FROM alias WHERE advisory_id = ?1")
        insertAffected = try db.prepare(
            "INSERT INTO affected(advisory_rowid, ecosystem, name_key, entry) VALUES (?1, ?2, ?3, ?4)")
        insertAlias = try db.prepare("INSERT INTO alias(advisory_id, alias) VALUES (?1, ?2)")
    }

    func write(_ record: OSVRecord, into summary: inout ImportSummary) throws(AdvisoryStoreError) {
        findModified.reset()
        findModified.bind(1, record.id)
        var existing: (rowid: Int64, modified: String)?
        if try findModified.step() { existing = (findModified.int(0), findModified.text(1) ?? "") }
        findModified.reset()

        if record.withdrawn != nil {
            if let existing {
                try remove(rowid: existing.rowid, id: record.id)
                summary.withdrawnRemoved += 1
            }
            return
        }
        let rowid: Int64
        if let existing {
            guard ModifiedTime.isNewer(record.modified, than: existing.modified) else {
                summary.unchanged += 1
                count(record, &summary)
                return
            }
            try clearRows(rowid: existing.rowid, id: record.id)
            updateAdvisory.reset()
            updateAdvisory.bind(1, existing.rowid)
            updateAdvisory.bind(2, record.modified)
            updateAdvisory.bind(3, blob: RecordCodec.encode(header: record.header))
            try updateAdvisory.run()
            rowid = existing.rowid
            summary.updated += 1
        } else {
            insertAdvisory.reset()
            insertAdvisory.bind(1, record.id)
            insertAdvisory.bind(2, record.modified)
            insertAdvisory.bind(3, blob: RecordCodec.encode(header: record.header))
            try insertAdvisory.run()
            rowid = db.lastInsertRowID
            summary.added += 1
        }
        for affected in record.affected {
            insertAffected.reset()
            insertAffected.bind(1, rowid)
            insertAffected.bind(2, affected.ecosystem)
            insertAffected.bind(3, AdvisoryNames.canonical(affected.name, ecosystem: affected.ecosystem))
            insertAffected.bind(4, blob: RecordCodec.encode(affected: affected))
            try insertAffected.run()
        }
        for alias in Set(record.aliases) where alias != record.id {
            insertAlias.reset()
            insertAlias.bind(1, record.id)
            insertAlias.bind(2, alias)
            try insertAlias.run()
        }
        count(record, &summary)
    }

    private func count(_ record: OSVRecord, _ summary: inout ImportSummary) {
        for ecosystem in Set(record.affected.map(\.ecosystem)) { summary.perEcosystem[ecosystem, default: 0] += 1 }
    }

    private func clearRows(rowid: Int64, id: String) throws(AdvisoryStoreError) {
        deleteAffected.reset()
        deleteAffected.bind(1, rowid)
        try deleteAffected.run()
        deleteAliases.reset()
        deleteAliases.bind(1, id)
        try deleteAliases.run()
    }

    private func remove(rowid: Int64, id: String) throws(AdvisoryStoreError) {
        try clearRows(rowid: rowid, id: id)
        deleteAdvisory.reset()
        deleteAdvisory.bind(1, rowid)
        try deleteAdvisory.run()
    }
}
