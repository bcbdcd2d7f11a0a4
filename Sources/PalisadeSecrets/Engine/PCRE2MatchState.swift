import CPCRE2

/// A PCRE2 match found in a window: byte offsets into the scanned buffer.
struct PCRE2Match {
    var start: Int
    var end: Int
    /// Offsets of capture group `i` (1-based) at `groups[i - 1]`, nil when the group did not take part.
    var groups: [Range<Int>?]
}

/// Per-session PCRE2 state: match data sized for the largest rule, a match context with a private
/// JIT stack and a match limit, so that no pattern can run away on hostile input.
final class PCRE2MatchState {
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?

    /// Stops backtracking explosions: a window is at most a few KiB, real matches need far fewer steps.
    static let matchLimit: UInt32 = 200_000

    init(maxCaptureCount: Int) {
        guard let data = pcre2_match_data_create_8(UInt32(maxCaptureCount + 1), nil),
            let context = pcre2_match_context_create_8(nil)
        else { fatalError("PCRE2 could not allocate match data (out of memory)") }
        matchData = data
        self.context = context
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        pcre2_set_match_limit_8(context, Self.matchLimit)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// The leftmost match of `pattern` in `subject[start..<length]`. Bytes before `start` are still
    /// visible to `\b` and `^`, so a window never invents a word boundary.
    func firstMatch(
        _ pattern: PCRE2Pattern, in subject: UnsafePointer<UInt8>, length: Int, from start: Int
    ) -> PCRE2Match? {
        let rc =
            pattern.usesJIT
            ? pcre2_jit_match_8(pattern.code, subject, length, start, 0, matchData, context)
            : pcre2_match_8(pattern.code, subject, length, start, 0, matchData, context)
        guard rc > 0 else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let matchStart = ovector[0]
        let matchEnd = ovector[1]
        guard matchStart >= 0, matchEnd >= matchStart, matchEnd <= length else { return nil }
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(pattern.captureCount)
        for i in stride(from: 1, through: pattern.captureCount, by: 1) {
            let s = ovector[2 * i]
            let e = ovector[2 * i + 1]
            if i < Int(rc), s >= 0, e >= s, e <= length {
                groups.append(s..<e)
            } else {
                groups.append(nil)
            }
        }
        return PCRE2Match(start: matchStart, end: matchEnd, groups: groups)
    }
}
