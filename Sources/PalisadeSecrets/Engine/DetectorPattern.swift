/// Derives a Hyperscan detector from a rule's PCRE2 pattern by relaxing large counted repeats:
/// `{m,n}` with n above ``limit`` becomes `{min(m, limit),}`. Hyperscan's compile time and database
/// size explode with large bounded repeats (a `{60,16384}` took minutes), while the relaxed form
/// matches a superset of the same lines, which is all a detector must do: PCRE2 then enforces the
/// exact bounds around each hit.
enum DetectorPattern {
    static let limit = 64

    static func relaxed(_ pattern: String) -> String {
        let p = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var i = 0
        var inClass = false
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: p[i..<min(i + 2, p.count)])
                i += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            if c == UInt8(ascii: "[") {
                inClass = true
                out.append(c)
                i += 1
                if i < p.count && p[i] == UInt8(ascii: "^") {
                    out.append(p[i])
                    i += 1
                }
                if i < p.count && p[i] == UInt8(ascii: "]") {
                    out.append(p[i])
                    i += 1
                }
                continue
            }
            if c == UInt8(ascii: "{"), let (low, high, length) = counted(p, at: i) {
                if high.map({ $0 > limit }) ?? true {
                    out.append(contentsOf: Array("{\(min(low, limit)),}".utf8))
                } else {
                    out.append(contentsOf: p[i..<(i + length)])
                }
                i += length
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `{m}`, `{m,}` or `{m,n}` at `start`: (m, n or nil when unbounded, length in bytes).
    private static func counted(_ p: [UInt8], at start: Int) -> (Int, Int?, Int)? {
        var i = start + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while i < p.count, p[i] >= 0x30, p[i] <= 0x39, digits < 7 {
                value = value * 10 + Int(p[i] - 0x30)
                i += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number(), i < p.count else { return nil }
        if p[i] == UInt8(ascii: "}") { return (low, low, i + 1 - start) }
        guard p[i] == UInt8(ascii: ",") else { return nil }
        i += 1
        let high = number()
        guard i < p.count, p[i] == UInt8(ascii: "}") else { return nil }
        return (low, high, i + 1 - start)
    }
}
