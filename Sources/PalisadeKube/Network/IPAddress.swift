/// An IPv4 or IPv6 address as a 128-bit number (IPv4 in the low 32 bits), parsed by hand so that
/// NetworkPolicy `ipBlock`s and `status.podIP` are compared without Foundation or the C library.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Family: Int, Sendable, Hashable, Comparable {
        case v4 = 4
        case v6 = 6

        public static func < (a: Family, b: Family) -> Bool { a.rawValue < b.rawValue }

        /// Address width in bits.
        public var bits: Int { self == .v4 ? 32 : 128 }
    }

    public var family: Family
    /// Upper 64 bits (always 0 for IPv4).
    public var high: UInt64
    /// Lower 64 bits (the whole address for IPv4).
    public var low: UInt64

    public init(family: Family, high: UInt64, low: UInt64) {
        self.family = family
        self.high = high
        self.low = low
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail); `nil`
    /// for anything else, zones (`%eth0`) included. IPv4 octets with leading zeros are read as
    /// decimal, as Kubernetes' own (sloppy) parser does for NetworkPolicy CIDRs.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if bytes.contains(0x3A) {
            guard let (high, low) = Self.parseV6(bytes) else { return nil }
            self.init(family: .v6, high: high, low: low)
        } else {
            guard let v4 = Self.parseV4(bytes[...]) else { return nil }
            self.init(family: .v4, high: 0, low: UInt64(v4))
        }
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        (a.family, a.high, a.low) < (b.family, b.high, b.low)
    }

    public var description: String {
        switch family {
        case .v4:
            return [24, 16, 8, 0].map { String((low >> UInt64($0)) & 0xFF) }.joined(separator: ".")
        case .v6:
            let groups = (0..<8).map { i -> UInt16 in
                let word = i < 4 ? high : low
                return UInt16(truncatingIfNeeded: word >> UInt64(48 - 16 * (i % 4)))
            }
            return Self.formatV6(groups)
        }
    }

    /// The next address, or `nil` at the top of the family's space.
    var successor: IPAddress? {
        if self == Self.last(family) { return nil }
        if low == UInt64.max { return IPAddress(family: family, high: high + 1, low: 0) }
        return IPAddress(family: family, high: high, low: low + 1)
    }

    /// The previous address, or `nil` at the bottom of the family's space.
    var predecessor: IPAddress? {
        if high == 0, low == 0 { return nil }
        if low == 0 { return IPAddress(family: family, high: high - 1, low: UInt64.max) }
        return IPAddress(family: family, high: high, low: low - 1)
    }

    static func first(_ family: Family) -> IPAddress { IPAddress(family: family, high: 0, low: 0) }

    static func last(_ family: Family) -> IPAddress {
        family == .v4
            ? IPAddress(family: .v4, high: 0, low: UInt64(UInt32.max))
            : IPAddress(family: .v6, high: .max, low: .max)
    }

    private static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3 else { return nil }
            var octet: UInt32 = 0
            for b in part {
                guard b >= 0x30, b <= 0x39 else { return nil }
                octet = octet * 10 + UInt32(b - 0x30)
            }
            guard octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    private static func hexValue(_ b: UInt8) -> UInt16? {
        switch b {
        case 0x30...0x39: UInt16(b - 0x30)
        case 0x61...0x66: UInt16(b - 0x61 + 10)
        case 0x41...0x46: UInt16(b - 0x41 + 10)
        default: nil
        }
    }

    /// Groups before and after `::`, each 1–4 hex digits; the last may be an IPv4 address.
    private static func parseV6(_ bytes: [UInt8]) -> (UInt64, UInt64)? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var i = 0
        if bytes.starts(with: [0x3A, 0x3A]) {
            sawGap = true
            i = 2
        } else if bytes.first == 0x3A {
            return nil
        }
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] != 0x3A { j += 1 }
            let field = bytes[i..<j]
            if field.contains(0x2E) {
                // Embedded IPv4: must be last.
                guard j == bytes.count, let v4 = parseV4(field) else { return nil }
                let words = [UInt16(v4 >> 16), UInt16(truncatingIfNeeded: v4)]
                if sawGap { tail += words } else { head += words }
                i = j
                break
            }
            guard !field.isEmpty, field.count <= 4 else { return nil }
            var word: UInt16 = 0
            for b in field {
                guard let h = hexValue(b) else { return nil }
                word = word << 4 | h
            }
            if sawGap { tail.append(word) } else { head.append(word) }
            if j == bytes.count {
                i = j
                break
            }
            // j points at ':'; "::" opens the gap (once).
            if j + 1 < bytes.count, bytes[j + 1] == 0x3A {
                guard !sawGap else { return nil }
                sawGap = true
                i = j + 2
            } else {
                guard j + 1 < bytes.count else { return nil }
                i = j + 1
            }
        }
        let count = head.count + tail.count
        let groups: [UInt16]
        if sawGap {
            guard count <= 7 else { return nil }
            groups = head + Array(repeating: 0, count: 8 - count) + tail
        } else {
            guard count == 8 else { return nil }
            groups = head
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (k, g) in groups.enumerated() {
            if k < 4 { high = high << 16 | UInt64(g) } else { low = low << 16 | UInt64(g) }
        }
        return (high, low)
    }

    /// RFC 5952 text: lowercase, the longest run (2+) of zero groups as `::`.
    private static func formatV6(_ groups: [UInt16]) -> String {
        var bestStart = -1
        var bestLength = 1
        var k = 0
        while k < 8 {
            guard groups[k] == 0 else {
                k += 1
                continue
            }
            var end = k
            while end < 8, groups[end] == 0 { end += 1 }
            if end - k > bestLength {
                bestStart = k
                bestLength = end - k
            }
            k = end
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
