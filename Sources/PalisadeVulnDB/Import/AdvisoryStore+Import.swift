import Foundation
import PalisadeVuln

extension AdvisoryStore {
    /// Imports OSV records from files (`.json`, `.yaml`, `.yml`), directories (recursively; other files are ignored),
    /// OSV `all.zip` archives and files written by `export(to:)`. All in one transaction: when anything other than a
    /// malformed record fails (an unreadable file, a corrupt archive), nothing is changed. Malformed records are
    /// skipped and counted. Re-importing the same data changes nothing.
    public func importRecords(from paths: [String]) throws(AdvisoryStoreError) -> ImportSummary {
        try importRecords(from: paths, failAfterRecords: nil)
    }

    /// Imports records already parsed (tests, other front ends), with the same rules as `importRecords(from:)`.
    public func importRecords(_ records: [OSVRecord]) throws(AdvisoryStoreError) -> ImportSummary {
        try transaction { writer, summary throws(AdvisoryStoreError) in
            for record in records { try writer.write(record, into: &summary) }
        }
    }

    /// `failAfterRecords` makes the import fail after that many records were written (tests of the rollback).
    func importRecords(from paths: [String], failAfterRecords: Int?) throws(AdvisoryStoreError) -> ImportSummary {
        try transaction { writer, summary throws(AdvisoryStoreError) in
            var written = 0
            let write: (OSVRecord, inout ImportSummary) throws(AdvisoryStoreError) -> Void = {
                record, summary throws(AdvisoryStoreError) in
                if let failAfterRecords, written >= failAfterRecords {
                    throw AdvisoryStoreError("injected failure after \(written) records")
                }
                try writer.write(record, into: &summary)
                written += 1
            }
            for path in paths { try importPath(path, write: write, summary: &summary) }
        }
    }

    private func transaction(
        _ body: (RecordWriter, inout ImportSummary) throws(AdvisoryStoreError) -> Void
    ) throws(AdvisoryStoreError) -> ImportSummary {
        guard !readOnly else { throw AdvisoryStoreError("\(path): opened read-only") }
        try db.execute("BEGIN IMMEDIATE")
        var summary = ImportSummary()
        do {
            let writer = try RecordWriter(db)
            try body(writer, &summary)
            let now = Date().ISO8601Format()
            try setMeta("last_import", now)
            try setMeta("built_at", now)
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            forgetCachedHeaders()
            throw error
        }
        forgetCachedHeaders()
        return summary
    }

    private typealias Write = (OSVRecord, inout ImportSummary) throws(AdvisoryStoreError) -> Void

    private func importPath(_ path: String, write: Write, summary: inout ImportSummary) throws(AdvisoryStoreError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AdvisoryStoreError("\(path): no such file or directory")
        }
        if isDirectory.boolValue {
            let files = Self.recordFiles(under: path)
            var start = 0
            while start < files.count {
                let chunk = Array(files[start..<min(files.count, start + 512)])
                start += chunk.count
                try writeParsed(Self.parse(files: chunk), write: write, summary: &summary)
            }
            return
        }
        let bytes = try Self.read(path)
        if ExportFormat.isExport(bytes) {
            try importExport(bytes, path: path, write: write, summary: &summary)
        } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            try importZip(bytes, path: path, write: write, summary: &summary)
        } else if path.lowercased().hasSuffix(".zip") {
            // A damaged or substituted archive (a proxy's error page) is an error, not one malformed record.
            throw AdvisoryStoreError("\(path): not a zip archive")
        } else {
            try writeParsed([Self.parse(name: path, bytes: bytes)], write: write, summary: &summary)
        }
    }

    private func importZip(_ bytes: [UInt8], path: String, write: Write, summary: inout ImportSummary)
        throws(AdvisoryStoreError)
    {
        let result: Result<Void, AdvisoryStoreError> = bytes.withUnsafeBytes { raw in
            do throws(AdvisoryStoreError) {
                let zip: OSVZipReader
                do throws(AdvisoryStoreError) { zip = try OSVZipReader(raw) } catch {
                    throw AdvisoryStoreError("\(path): \(error.reason)")
                }
                let entries = zip.entries.filter { Self.isRecordName($0.name) }
                var start = 0
                while start < entries.count {
                    let chunk = entries[start..<min(entries.count, start + 512)]
                    start += chunk.count
                    var sources: [RecordSource] = []
                    for entry in chunk {
                        do throws(AdvisoryStoreError) {
                            sources.append(
                                RecordSource(name: "\(path)!\(entry.name)", bytes: try zip.contents(of: entry, in: raw))
                            )
                        } catch {
                            throw AdvisoryStoreError("\(path): \(error.reason)")
                        }
                    }
                    try writeParsed(Self.parse(sources: sources), write: write, summary: &summary)
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private func writeParsed(_ parsed: [ParsedRecord], write: Write, summary: inout ImportSummary)
        throws(AdvisoryStoreError)
    {
        for item in parsed {
            switch item.outcome {
            case .record(let record): try write(record, &summary)
            case .malformed(let reason): summary.recordMalformed(item.name, reason)
            case .unreadable(let reason): throw AdvisoryStoreError("\(item.name): \(reason)")
            }
        }
    }

    // MARK: Files

    static func isRecordName(_ name: String) -> Bool {
        name.hasSuffix(".json") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    static func recordFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard isRecordName(relative) else { continue }
            let full = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }

    static func read(_ path: String) throws(AdvisoryStoreError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdvisoryStoreError("\(path): cannot read")
        }
        return [UInt8](data)
    }

    // MARK: Parsing

    struct ParsedRecord {
        enum Outcome {
            case record(OSVRecord)
            case malformed(String)
            case unreadable(String)
        }
        var name: String
        var outcome: Outcome
    }

    static func parse(name: String, bytes: [UInt8]) -> ParsedRecord {
        let result: Result<OSVRecord, OSVRecordParser.ParseError> = bytes.withUnsafeBytes { raw in
            do throws(OSVRecordParser.ParseError) {
                return .success(try OSVRecordParser.parse(raw, file: name))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let record): return ParsedRecord(name: name, outcome: .record(record))
        case .failure(let error): return ParsedRecord(name: name, outcome: .malformed(error.description))
        }
    }

    /// Reads and parses files on all cores; order is kept so imports are deterministic.
    static func parse(files: [String]) -> [ParsedRecord] {
        parallelMap(count: files.count) { index in
            let file = files[index]
            guard let data = FileManager.default.contents(atPath: file) else {
                return ParsedRecord(name: file, outcome: .unreadable("cannot read"))
            }
            return parse(name: file, bytes: [UInt8](data))
        }
    }

    static func parse(sources: [RecordSource]) -> [ParsedRecord] {
        parallelMap(count: sources.count) { index in parse(name: sources[index].name, bytes: sources[index].bytes) }
    }

    private static func parallelMap(count: Int, _ transform: (Int) -> ParsedRecord) -> [ParsedRecord] {
        guard count > 1 else { return (0..<count).map(transform) }
        let buffer = UnsafeMutableBufferPointer<ParsedRecord?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deinitialize().deallocate() }
        nonisolated(unsafe) let slots = buffer
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            DispatchQueue.concurrentPerform(iterations: count) { index in slots[index] = work(index) }
        }
        return buffer.map { $0! }
    }
}
