/// dpkg's `dpkg_version_compare` and `verrevcmp`, on bytes. Kept apart from parsing because the
/// ordering is the part every vulnerability verdict depends on, and it must match dpkg byte for byte.
enum DpkgVersionComparison {
    /// Negative, zero or positive as `lhs` sorts before, equal to or after `rhs`.
    static func compare(_ lhs: DpkgVersionScheme.Version, _ rhs: DpkgVersionScheme.Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let upstream = verrevcmp(lhs.upstream, rhs.upstream)
        if upstream != 0 { return upstream }
        return verrevcmp(lhs.revision, rhs.revision)
    }

    /// Alternating non-digit and digit runs: non-digits by `order` (`~` < end < letters < the rest),
    /// digits numerically. A missing byte reads as NUL, as in dpkg's C strings.
    static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        func at(_ bytes: [UInt8], _ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        while i < a.count || j < b.count {
            var firstDiff = 0
            while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
                let ac = order(at(a, i))
                let bc = order(at(b, j))
                if ac != bc { return ac - bc }
                i += 1
                j += 1
            }
            while at(a, i) == UInt8(ascii: "0") { i += 1 }
            while at(b, j) == UInt8(ascii: "0") { j += 1 }
            while isDigit(at(a, i)) && isDigit(at(b, j)) {
                if firstDiff == 0 { firstDiff = Int(at(a, i)) - Int(at(b, j)) }
                i += 1
                j += 1
            }
            if isDigit(at(a, i)) { return 1 }
            if isDigit(at(b, j)) { return -1 }
            if firstDiff != 0 { return firstDiff }
        }
        return 0
    }

    private static func order(_ byte: UInt8) -> Int {
        if isDigit(byte) { return 0 }
        if (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        if byte != 0 { return Int(byte) + 256 }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
