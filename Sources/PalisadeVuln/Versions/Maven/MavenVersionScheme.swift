/// Maven versions, ordered by Maven's own `ComparableVersion` (3.6–3.8 algorithm): items split at
/// `.`, `-` and digit/letter changes; `-` and digit/letter changes open a nested list; trailing
/// zeros, empty qualifiers and empty lists are dropped. Maven accepts any string, so the only nil
/// results are empty text and text over 256 bytes. Letters are lower-cased ASCII only.
///
/// Known divergence from Maven 3.9+: there `1.a` equals `1a` (a trailing `.word` is read like
/// `-word`) and digit-to-letter "combination" items exist; here, as in 3.6–3.8, `1.a` < `1a`.
public enum MavenVersionScheme: VersionScheme {
    public static let name = "maven"

    /// Longest version text considered; real versions are far shorter.
    static let maximumLength = 256

    public static func parse(_ text: String) -> MavenVersion? {
        var bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return nil }
        while let last = bytes.last, last == 0x20 || (last >= 0x09 && last <= 0x0D) { bytes.removeLast() }
        let leading = bytes.prefix { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }.count
        bytes.removeFirst(leading)
        guard !bytes.isEmpty else { return nil }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }

        // Stack of open lists; each new list is the last item of the one below it.
        var stack: [[MavenVersion.Item]] = [[]]
        var isDigit = false
        var start = 0
        func item(_ range: Range<Int>, digits: Bool) -> MavenVersion.Item {
            if digits {
                let stripped = bytes[range].drop { $0 == UInt8(ascii: "0") }
                return .number(stripped.isEmpty ? "0" : String(decoding: stripped, as: UTF8.self))
            }
            return .qualifier(MavenQualifier.key(String(decoding: bytes[range], as: UTF8.self), followedByDigit: false))
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") {
                stack[stack.count - 1].append(index == start ? .number("0") : item(start..<index, digits: isDigit))
                start = index + 1
                if byte == UInt8(ascii: "-") { stack.append([]) }
            } else if byte >= 0x30 && byte <= 0x39 {
                if !isDigit && index > start {
                    let word = String(decoding: bytes[start..<index], as: UTF8.self)
                    stack[stack.count - 1].append(.qualifier(MavenQualifier.key(word, followedByDigit: true)))
                    start = index
                    stack.append([])
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    stack[stack.count - 1].append(item(start..<index, digits: true))
                    start = index
                    stack.append([])
                }
                isDigit = false
            }
        }
        if bytes.count > start { stack[stack.count - 1].append(item(start..<bytes.count, digits: isDigit)) }
        while stack.count > 1 {
            let child = normalised(stack.removeLast())
            stack[stack.count - 1].append(.list(child))
        }
        return MavenVersion(items: normalised(stack[0]), description: text)
    }

    /// Drops trailing null items (0, release qualifier, empty list), looking past nested lists as Maven does.
    private static func normalised(_ list: [MavenVersion.Item]) -> [MavenVersion.Item] {
        var items = list
        for index in items.indices.reversed() {
            if items[index].isNull {
                items.remove(at: index)
                continue
            }
            guard case .list = items[index] else { break }
        }
        return items
    }
}
