/// "Did you mean" for mistyped rule ids.
enum Suggestions {
    /// The closest candidate within a small edit distance, case-insensitive.
    static func closest(to input: String, in candidates: [String]) -> String? {
        let target = Array(input.uppercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.uppercased()))
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (name, d) = best, d <= max(2, target.count / 3) else {
            // Fall back to a shared prefix: `K8S-PRIV` -> `K8S-PSS-PRIVILEGED` is too far to edit.
            return candidates.first { $0.uppercased().contains(input.uppercased()) && input.count >= 4 }
        }
        return name
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
