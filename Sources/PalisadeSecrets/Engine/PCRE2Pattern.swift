import CPCRE2

/// One rule's full pattern compiled by PCRE2 (with JIT when available). It runs only in a small
/// window around a Hyperscan hit, to recover the exact match bounds and the capture groups that
/// hold the secret and the key name.
///
/// Compiled code is read-only and PCRE2 allows matching from many threads at once, provided each
/// thread brings its own match data and JIT stack (``PCRE2MatchState``).
final class PCRE2Pattern: @unchecked Sendable {
    let code: OpaquePointer
    let usesJIT: Bool
    let captureCount: Int

    init(_ pattern: String, ruleId: String) throws(SecretScannerError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { p in
            pcre2_compile_8(p.baseAddress, p.count, UInt32(PCRE2_MULTILINE), &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw .invalidPattern(ruleId: ruleId, offset: errorOffset, reason: Self.errorMessage(errorCode))
        }
        code = compiled
        usesJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        return n > 0 ? String(decoding: buffer.prefix(Int(n)), as: UTF8.self) : "PCRE2 error \(code)"
    }
}
