#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides from the raw bytes whether an audit line can hold an admission request, so the bulk of
/// a log (get, list, watch: usually over 90% of the lines) is never parsed into a tree.
///
/// A line is a candidate when some `"verb"` key in it has the value `create`, `update` or `patch`
/// (JSON whitespace around the colon allowed). The test errs only towards parsing: a nested
/// `"verb"` (a SubjectAccessReview's `spec.resourceAttributes.verb`) can make a `get` line a
/// candidate, and the full parse then reads the real top-level verb; but the top-level verb of a
/// create, update or patch event always matches, because the API server writes keys and verbs
/// unescaped.
enum AuditLinePrefilter {
    enum Verdict: Equatable {
        /// Parse it: it may be a create/update/patch event.
        case candidate
        /// Looks like one JSON object but has no mutating verb.
        case otherVerb
        /// Not one JSON object (binary noise, a truncated write, a stray text line).
        case notAnObject
    }

    static func classify(_ line: UnsafeRawBufferPointer) -> Verdict {
        guard let base = line.baseAddress, !line.isEmpty else { return .notAnObject }
        if hasMutatingVerb(base, line.count) { return .candidate }
        // The cheapest shape check that still catches noise and truncation: `{` … `}`.
        var first = 0
        var last = line.count - 1
        while first <= last, isSpace(line[first]) { first += 1 }
        while last >= first, isSpace(line[last]) { last -= 1 }
        guard first < last, line[first] == 0x7B, line[last] == 0x7D else { return .notAnObject }
        return .otherVerb
    }

    /// Finds each `"verb"` with `memchr` on its `v` (vectorised; `v` is rare in audit JSON) and
    /// `memcmp` on the rest. (`memmem` is a GNU extension Swift's Glibc module does not export.)
    private static func hasMutatingVerb(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 1
        while offset + 5 <= count {
            guard let hit = memchr(base + offset, 0x76, count - offset) else { return false }
            let v = base.distance(to: UnsafeRawPointer(hit))
            offset = v + 1
            guard v + 5 <= count, matches(base, count, v - 1, "\"verb\"") else { continue }
            var i = v + 5
            while i < count, isSpace(base.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
            guard i < count, base.load(fromByteOffset: i, as: UInt8.self) == 0x3A else { continue }
            i += 1
            while i < count, isSpace(base.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
            if matches(base, count, i, "\"create\"") || matches(base, count, i, "\"update\"")
                || matches(base, count, i, "\"patch\"")
            {
                return true
            }
        }
        return false
    }

    @inline(__always)
    private static func matches(_ base: UnsafeRawPointer, _ count: Int, _ at: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        return at + n <= count && memcmp(base + at, word.utf8Start, n) == 0
    }

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
}
