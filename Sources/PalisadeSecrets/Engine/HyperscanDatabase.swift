import CHyperscan

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
    }

    deinit { hs_free_database(handle) }
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
