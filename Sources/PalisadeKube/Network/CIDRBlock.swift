/// A CIDR block (`10.0.0.0/8`, `2001:db8::/32`) as a contiguous address range. Host bits after the
/// prefix are accepted and masked away, as Kubernetes' parser does (`10.0.0.1/8` is `10.0.0.0/8`).
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    public var prefixLength: Int
    public var first: IPAddress
    public var last: IPAddress

    /// Parses `ADDRESS/PREFIX`; `nil` when either part is invalid or the prefix exceeds the family's width.
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/"), let address = IPAddress(text[..<slash]) else { return nil }
        let digits = text[text.index(after: slash)...]
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let prefix = Int(digits), prefix <= address.family.bits
        else { return nil }
        self.text = text
        self.prefixLength = prefix
        let hostBits = address.family.bits - prefix
        let (highMask, lowMask) = Self.hostMask(hostBits)
        first = IPAddress(family: address.family, high: address.high & ~highMask, low: address.low & ~lowMask)
        last = IPAddress(family: address.family, high: address.high | highMask, low: address.low | lowMask)
        if address.family == .v4 { last.high = 0 }
    }

    public var family: IPAddress.Family { first.family }

    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && first <= address && address <= last
    }

    /// Whether `other` lies entirely inside this block.
    public func contains(_ other: CIDRBlock) -> Bool {
        other.family == family && first <= other.first && other.last <= last
    }

    public var description: String { text }

    /// Masks of the low `bits` bits, split into the upper and lower 64-bit words.
    private static func hostMask(_ bits: Int) -> (UInt64, UInt64) {
        if bits <= 0 { return (0, 0) }
        if bits < 64 { return (0, (UInt64(1) << UInt64(bits)) - 1) }
        if bits == 64 { return (0, .max) }
        if bits < 128 { return ((UInt64(1) << UInt64(bits - 64)) - 1, .max) }
        return (.max, .max)
    }
}
