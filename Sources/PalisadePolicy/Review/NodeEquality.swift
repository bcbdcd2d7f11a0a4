import PalisadeFormats

/// Structural comparison of objects, to spot UPDATEs that change only metadata (labels,
/// annotations, finalizers) or status: those must not be blocked by a rule the stored object
/// already broke, or clusters get stuck.
enum NodeEquality {
    static func equalIgnoringMetadata(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard let pa = a.pairs, let pb = b.pairs else { return equal(a, b) }
        let ignored: Set<String> = ["metadata", "status"]
        let fa = pa.filter { !ignored.contains($0.key) }
        let fb = pb.filter { !ignored.contains($0.key) }
        guard fa.count == fb.count else { return false }
        for p in fa {
            guard let q = fb.last(where: { $0.key == p.key }), equal(p.value, q.value) else { return false }
        }
        return true
    }

    static func equal(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            return x.value == y.value && (x.style == .plain) == (y.style == .plain)
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            for p in x {
                guard let q = y.last(where: { $0.key == p.key }), equal(p.value, q.value) else { return false }
            }
            return true
        default:
            return false
        }
    }
}
