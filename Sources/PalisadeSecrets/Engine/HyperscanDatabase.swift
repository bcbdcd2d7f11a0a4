import CHyperscan
import Foundation

/// Every rule's detector compiled into one Hyperscan block-mode database, without start-of-match
/// tracking: one pass over the bytes reports which rules matched and where each match ends
/// (~900 MB/s; SOM would cost 3x). Exact bounds come later from PCRE2, only around the rare hits.
///
/// The database is immutable after compilation and Hyperscan documents it as safe to share between
/// threads; all mutable state lives in per-session scratch space (``HyperscanScratch``).
final class HyperscanDatabase: @unchecked Sendable {
    let handle: OpaquePointer

    /// - Parameters:
    ///   - patterns: detector patterns.
    ///   - ids: the id Hyperscan reports for each pattern (the rule's index in the scanner).
    ///   - ruleIds: rule names, for errors.
    init(patterns: [String], ids: [UInt32], ruleIds: [String]) throws(SecretScannerError) {
        precondition(!patterns.isEmpty, "an empty rule set needs no database")
        // Compiling ~100 patterns takes ~0.3 s; a serialized copy loads in about a millisecond.
        let cache = HyperscanDatabaseCache(patterns: patterns, ids: ids)
        if let cached = cache?.load() {
            handle = cached
            return
        }
        let flags = [UInt32](repeating: UInt32(HS_FLAG_MULTILINE), count: patterns.count)
        let cStrings = patterns.map { strdup($0) }
        defer { for s in cStrings { free(s) } }
        var database: OpaquePointer?
        var compileError: UnsafeMutablePointer<hs_compile_error_t>?
        let status = cStrings.map { UnsafePointer($0) }.withUnsafeBufferPointer { exprs in
            hs_compile_multi(
                exprs.baseAddress, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &database,
                &compileError)
        }
        guard status == HS_SUCCESS, let database else {
            var reason = "status \(status)"
            var ruleId: String?
            if let compileError {
                reason = compileError.pointee.message.map { String(cString: $0) } ?? reason
                let index = Int(compileError.pointee.expression)
                if index >= 0 && index < ruleIds.count { ruleId = ruleIds[index] }
                hs_free_compile_error(compileError)
            }
            throw .detectorCompilation(ruleId: ruleId, reason: reason)
        }
        handle = database
        cache?.store(database)
    }

    deinit { hs_free_database(handle) }
}

/// Compiled databases serialized under the user's cache directory
/// (`$PALISADE_CACHE_DIR`, else `$XDG_CACHE_HOME/palisade`, else `~/.cache/palisade`), keyed by a
/// hash of the patterns, flags and Hyperscan version. Any failure just means compiling again;
/// Hyperscan's deserializer itself rejects files built for another version or CPU.
struct HyperscanDatabaseCache {
    let path: String

    init?(patterns: [String], ids: [UInt32]) {
        let env = ProcessInfo.processInfo.environment
        guard env["PALISADE_NO_CACHE"] == nil else { return nil }
        let dir: String
        if let d = env["PALISADE_CACHE_DIR"], !d.isEmpty {
            dir = d
        } else if let x = env["XDG_CACHE_HOME"], !x.isEmpty {
            dir = x + "/palisade"
        } else if let h = env["HOME"], !h.isEmpty {
            dir = h + "/.cache/palisade"
        } else {
            return nil
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        mix(String(cString: hs_version()).utf8)
        mix("block-multiline-v1".utf8)
        for p in patterns { mix(p.utf8) }
        for id in ids { mix(String(id).utf8) }
        path = dir + "/secrets-" + String(hash, radix: 16) + ".hsdb"
    }

    func load() -> OpaquePointer? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        var database: OpaquePointer?
        let status = data.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &database)
        }
        return status == HS_SUCCESS ? database : nil
    }

    func store(_ database: OpaquePointer) {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
        defer { free(bytes) }
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = path + ".\(getpid()).tmp"
        let data = Data(bytes: bytes, count: length)
        guard FileManager.default.createFile(atPath: tmp, contents: data) else { return }
        if rename(tmp, path) != 0 { unlink(tmp) }
    }
}

/// Hyperscan's per-thread working memory, sized for every database it will scan with. Not
/// shareable: each scan session owns one.
final class HyperscanScratch {
    let handle: OpaquePointer

    /// Allocation fails only when memory is exhausted or a database is corrupt; both are fatal
    /// for the process rather than a property of the scanned data.
    init?(for databases: [HyperscanDatabase]) {
        var scratch: OpaquePointer?
        for database in databases {
            let status = hs_alloc_scratch(database.handle, &scratch)
            guard status == HS_SUCCESS else {
                fatalError("Hyperscan could not allocate scratch space (status \(status))")
            }
        }
        guard let scratch else { return nil }
        handle = scratch
    }

    deinit { hs_free_scratch(handle) }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
