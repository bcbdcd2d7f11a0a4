/// rpm's `rpmvercmp` on bytes. Segments are maximal runs of ASCII digits or ASCII letters; every
/// other byte only separates them. Digit segments compare numerically (leading zeros ignored) and
/// beat letter segments; `~` sorts before anything, even the end; `^` sorts after the end but
/// before any further segment.
enum RpmVersionComparison {
    /// -1, 0 or 1 as `a` sorts before, equal to or after `b`.
    static func rpmvercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        var i = 0
        var j = 0
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        while i < a.count || j < b.count {
            while i < a.count, !isAlphanumeric(a[i]), a[i] != tilde, a[i] != caret { i += 1 }
            while j < b.count, !isAlphanumeric(b[j]), b[j] != tilde, b[j] != caret { j += 1 }
            let x: UInt8 = i < a.count ? a[i] : 0
            let y: UInt8 = j < b.count ? b[j] : 0
            if x == tilde || y == tilde {
                if x != tilde { return 1 }
                if y != tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            if x == caret || y == caret {
                if i >= a.count { return -1 }
                if j >= b.count { return 1 }
                if x != caret { return 1 }
                if y != caret { return -1 }
                i += 1
                j += 1
                continue
            }
            if i >= a.count || j >= b.count { break }
            let numeric = isDigit(x)
            let segmentA = segment(a, from: i, numeric: numeric)
            let segmentB = segment(b, from: j, numeric: numeric)
            i = segmentA.upperBound
            j = segmentB.upperBound
            // The other side has a segment of a different type: numbers are newer than letters.
            if segmentB.isEmpty { return numeric ? 1 : -1 }
            let order =
                numeric
                ? compareNumbers(a[segmentA], b[segmentB]) : compareBytes(a[segmentA], b[segmentB])
            if order != 0 { return order }
        }
        if i >= a.count && j >= b.count { return 0 }
        return i >= a.count ? -1 : 1
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isAlpha(byte) }

    private static func segment(_ bytes: [UInt8], from start: Int, numeric: Bool) -> Range<Int> {
        var end = start
        while end < bytes.count, numeric ? isDigit(bytes[end]) : isAlpha(bytes[end]) { end += 1 }
        return start..<end
    }

    /// Numeric order of two digit runs of any length: drop leading zeros, longer is larger, then bytes.
    private static func compareNumbers(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
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
