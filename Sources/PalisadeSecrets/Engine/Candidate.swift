/// A verified match before overlap resolution: byte offsets into the scanned buffer.
struct Candidate: Equatable {
    var rule: Int
    var matchStart: Int
    var matchEnd: Int
    var secretStart: Int
    var secretEnd: Int
    var specificity: Specificity

    /// Keeps, among candidates whose secret spans overlap, only the most specific ones (equal
    /// specificity keeps both: two different services' formats are both worth reporting). The same
    /// rule on the same span is reported once. Result is in ascending secret-start order.
    static func mostSpecific(_ candidates: [Candidate]) -> [Candidate] {
        let sorted = candidates.sorted {
            ($0.secretStart, $0.secretEnd, $0.rule) < ($1.secretStart, $1.secretEnd, $1.rule)
        }
        var kept: [Candidate] = []
        var alive: [Bool] = []
        kept.reserveCapacity(sorted.count)
        /// Longest span any rule can produce; spans further back cannot overlap.
        let maxSpan = 300_000
        for c in sorted {
            var keep = true
            var j = kept.count - 1
            while j >= 0 && kept[j].secretStart + maxSpan >= c.secretStart {
                let k = kept[j]
                if alive[j] && k.secretEnd > c.secretStart {
                    if k.rule == c.rule || k.specificity > c.specificity {
                        keep = false
                        break
                    }
                    if c.specificity > k.specificity { alive[j] = false }
                }
                j -= 1
            }
            if keep {
                kept.append(c)
                alive.append(true)
            }
        }
        return zip(kept, alive).filter(\.1).map(\.0)
    }
}
