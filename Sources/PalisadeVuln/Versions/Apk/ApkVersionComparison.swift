/// apk-tools' version ordering over parsed tokens. Components after the first compare as byte
/// strings when either has a leading zero (`1.02` < `1.1`, `1.0` < `1.00`), otherwise as numbers of
/// any length; letters by byte; suffixes by apk's rank; suffix and revision numbers numerically.
enum ApkVersionComparison {
    /// Negative, zero or positive as `lhs` sorts before, equal to or after `rhs`.
    static func compare(_ lhs: [ApkVersionToken], _ rhs: [ApkVersionToken]) -> Int {
        var position = 0
        while true {
            let a = position < lhs.count ? lhs[position] : .end
            let b = position < rhs.count ? rhs[position] : .end
            if a.kind != b.kind {
                if a.isPreRelease { return -1 }
                if b.isPreRelease { return 1 }
                return a.kind > b.kind ? -1 : 1
            }
            let order: Int
            switch a.kind {
            case .end:
                return 0
            case .digits:
                let leadingZero = a.bytes.first == UInt8(ascii: "0") || b.bytes.first == UInt8(ascii: "0")
                order =
                    position > 0 && leadingZero
                    ? compareBytes(a.bytes[...], b.bytes[...]) : compareNumbers(a.bytes, b.bytes)
            case .letter:
                order = compareBytes(a.bytes[...], b.bytes[...])
            case .suffix:
                order = a.suffixRank == b.suffixRank ? 0 : (a.suffixRank < b.suffixRank ? -1 : 1)
            case .suffixNumber, .revision:
                order = compareNumbers(a.bytes, b.bytes)
            }
            if order != 0 { return order }
            position += 1
        }
    }

    private static func compareNumbers(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = a.drop(while: { $0 == UInt8(ascii: "0") })
        let y = b.drop(while: { $0 == UInt8(ascii: "0") })
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        return compareBytes(x, y)
    }

    private static func compareBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        if a.count == b.count { return 0 }
        return a.count < b.count ? -1 : 1
    }
}
