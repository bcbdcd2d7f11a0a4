import Foundation
import PalisadeVuln

extension AdvisoryStore {
    /// Writes the whole database as one file (see `ExportFormat`): a compacted copy made with `VACUUM INTO`, behind a
    /// checksummed header line. Written to a temporary file and renamed, so readers never see half a file.
    public func export(to destination: String) throws(AdvisoryStoreError) {
        let directory = (destination as NSString).deletingLastPathComponent
        let base = directory.isEmpty ? "." : directory
        let token = UUID().uuidString
        let compact = "\(base)/.palisade-export-\(token).db"
        let temporary = "\(base)/.palisade-export-\(token).tmp"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: compact + suffix) }
            try? FileManager.default.removeItem(atPath: temporary)
        }
        let vacuum = try db.prepare("VACUUM INTO ?1")
        vacuum.bind(1, compact)
        try vacuum.run()
        do {
            // A plain rollback-journal file: the export is read as one blob, never with a WAL beside it.
            let copy = try SQLiteConnection(path: compact, readOnly: false)
            try copy.execute("PRAGMA journal_mode = DELETE")
        }
        let payload = try Self.read(compact)
        let built = (try? meta("built_at")) ?? nil
        var file = Array(
            ExportFormat.header(sha256: ExportFormat.sha256Hex(payload), built: built ?? Date().ISO8601Format()).utf8)
        file.append(contentsOf: payload)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(file)) else {
            throw AdvisoryStoreError("\(destination): cannot write")
        }
        guard rename(temporary, destination) == 0 else {
            throw AdvisoryStoreError("\(destination): cannot write (\(String(cString: strerror(errno))))")
        }
    }

    /// Merges an exported file after verifying its checksum; same incremental rules as `importRecords(from:)`.
    func importExport(
        _ bytes: [UInt8], path: String, write: (OSVRecord, inout ImportSummary) throws(AdvisoryStoreError) -> Void,
        summary: inout ImportSummary
    ) throws(AdvisoryStoreError) {
        let payload = try ExportFormat.verifiedPayload(bytes, path: path)
        let temporary = NSTemporaryDirectory() + "palisade-import-\(UUID().uuidString).db"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: temporary + suffix)
            }
        }
        guard FileManager.default.createFile(atPath: temporary, contents: Data(payload)) else {
            throw AdvisoryStoreError("\(temporary): cannot write")
        }
        let source: AdvisoryStore
        do { source = try AdvisoryStore.open(path: temporary, readOnly: true) } catch {
            throw AdvisoryStoreError("\(path): exported database unusable (\(error.reason))")
        }
        for record in try source.allRecords() { try write(record, &summary) }
    }

    /// Every stored advisory as an OSV record (own aliases only), in id order.
    func allRecords() throws(AdvisoryStoreError) -> [OSVRecord] {
        let headers = try db.prepare("SELECT rowid, header FROM advisory ORDER BY id")
        let entries = try db.prepare("SELECT entry FROM affected WHERE advisory_rowid = ?1 ORDER BY rowid")
        var records: [OSVRecord] = []
        do {
            while try headers.step() {
                let header = try RecordCodec.decodeHeader(headers.blob(1))
                var record = OSVRecord(
                    id: header.id, modified: header.modified, published: header.published, aliases: header.aliases,
                    summary: header.summary, severity: header.severity, references: header.references,
                    databaseSeverity: header.databaseSeverity)
                entries.reset()
                entries.bind(1, headers.int(0))
                while try entries.step() { record.affected.append(try RecordCodec.decodeAffected(entries.blob(0))) }
                records.append(record)
            }
        } catch let error as CodecError {
            throw AdvisoryStoreError("\(path): corrupt record (\(error.reason))")
        } catch let error as AdvisoryStoreError {
            throw error
        } catch {
            throw AdvisoryStoreError("\(path): \(error)")
        }
        return records
    }
}
