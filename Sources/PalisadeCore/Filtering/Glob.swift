/// Shell-style patterns with `*` as the only wildcard (any run of characters, possibly empty).
/// Enough for ignore entries (`K8S-RBAC-*`, `web-*`, `*-canary`) without pulling in regexes.
public enum Glob {
    /// True when `text` matches `pattern`. Case-sensitive; callers normalise case where ids need it.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        // Classic greedy matcher with backtracking to the last star: linear for typical patterns.
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] != UInt8(ascii: "*"), p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
