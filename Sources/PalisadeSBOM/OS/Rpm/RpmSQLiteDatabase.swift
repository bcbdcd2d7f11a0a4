import CSQLite

/// Reads the header blobs of an rpm sqlite database (`Packages(hnum, blob)`) straight from
/// memory: the image pipeline already holds the file, so it never touches the disk. The bytes
/// are copied into an SQLite-owned buffer (so a WAL-mode file can be switched to rollback mode,
/// which the in-memory VFS requires) and opened read-only with `sqlite3_deserialize`.
enum RpmSQLiteDatabase {
    struct Error: Swift.Error, Equatable {
        var reason: String
    }

    /// Calls `body` with each `Packages.blob`, in `hnum` order, up to `limit` rows.
    static func forEachBlob(
        in contents: UnsafeRawBufferPointer, limit: Int, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(Error) {
        guard contents.count >= 100, contents.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw Error(reason: "not an SQLite database")
        }
        var handle: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            throw Error(reason: "cannot open an in-memory SQLite connection")
        }
        defer { sqlite3_close(db) }
        guard let buffer = sqlite3_malloc64(sqlite3_uint64(contents.count)) else {
            throw Error(reason: "out of memory")
        }
        buffer.copyMemory(from: contents.baseAddress!, byteCount: contents.count)
        let header = buffer.assumingMemoryBound(to: UInt8.self)
        // File format read/write versions: 2 = WAL, which the memdb VFS cannot open; 1 = rollback journal.
        if header[18] == 2 { header[18] = 1 }
        if header[19] == 2 { header[19] = 1 }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        let size = sqlite3_int64(contents.count)
        guard sqlite3_deserialize(db, "main", header, size, size, flags) == SQLITE_OK else {
            throw Error(reason: "SQLite rejected the database: \(message(db))")
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT blob FROM Packages ORDER BY hnum", -1, &statement, nil) == SQLITE_OK
        else {
            sqlite3_finalize(statement)
            throw Error(reason: "no readable Packages table: \(message(db))")
        }
        defer { sqlite3_finalize(statement) }
        var rows = 0
        while rows < limit {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { throw Error(reason: "reading Packages: \(message(db))") }
            rows += 1
            let length = Int(sqlite3_column_bytes(statement, 0))
            if let pointer = sqlite3_column_blob(statement, 0), length > 0 {
                body(UnsafeRawBufferPointer(start: pointer, count: length))
            } else {
                body(UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
    }

    private static func message(_ db: OpaquePointer) -> String {
        sqlite3_errmsg(db).map { String(cString: $0) } ?? "unknown error"
    }
}
