/// A set of addresses as sorted, disjoint closed ranges: what an `ipBlock` (CIDR minus its
/// `except` blocks) or a union of them admits, so "is any internet address allowed?" is exact
/// rather than answered by probing a few sample addresses.
public struct IPRangeSet: Sendable, Hashable {
    public private(set) var ranges: [ClosedRange<IPAddress>]

    public init() { ranges = [] }

    public init(_ block: CIDRBlock) { ranges = [block.first...block.last] }

    /// Every address of both families.
    public static var everything: IPRangeSet {
        var set = IPRangeSet()
        set.ranges = [IPAddress.first(.v4)...IPAddress.last(.v4), IPAddress.first(.v6)...IPAddress.last(.v6)]
        return set
    }

    /// Public (internet) addresses: IPv4 outside the special-purpose blocks of RFC 6890 (private,
    /// shared CGNAT, loopback, link-local, multicast, reserved), and IPv6 global unicast (2000::/3).
    /// This is what "the internet" means in the matrix and the findings.
    public static let internet: IPRangeSet = {
        var set = IPRangeSet()
        set.formUnion(IPRangeSet(CIDRBlock("0.0.0.0/0")!))
        for special in [
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
        ] {
            set.subtract(IPRangeSet(CIDRBlock(special)!))
        }
        set.formUnion(IPRangeSet(CIDRBlock("2000::/3")!))
        set.subtract(IPRangeSet(CIDRBlock("2001:db8::/32")!))
        return set
    }()

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    public mutating func formUnion(_ other: IPRangeSet) {
        let all = (ranges + other.ranges).sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<IPAddress>] = []
        for r in all {
            if let lastRange = merged.last, lastRange.upperBound.family == r.lowerBound.family,
                r.lowerBound <= lastRange.upperBound || lastRange.upperBound.successor == r.lowerBound
            {
                merged[merged.count - 1] = lastRange.lowerBound...max(lastRange.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        ranges = merged
    }

    public mutating func subtract(_ other: IPRangeSet) {
        var out: [ClosedRange<IPAddress>] = []
        for r in ranges {
            var pieces = [r]
            for cut in other.ranges where cut.lowerBound.family == r.lowerBound.family {
                var next: [ClosedRange<IPAddress>] = []
                for p in pieces {
                    guard cut.overlaps(p) else {
                        next.append(p)
                        continue
                    }
                    if p.lowerBound < cut.lowerBound, let before = cut.lowerBound.predecessor {
                        next.append(p.lowerBound...before)
                    }
                    if cut.upperBound < p.upperBound, let after = cut.upperBound.successor {
                        next.append(after...p.upperBound)
                    }
                }
                pieces = next
            }
            out += pieces
        }
        ranges = out
    }

    public func intersection(_ other: IPRangeSet) -> IPRangeSet {
        var out = IPRangeSet()
        for a in ranges {
            for b in other.ranges where a.overlaps(b) {
                out.ranges.append(max(a.lowerBound, b.lowerBound)...min(a.upperBound, b.upperBound))
            }
        }
        out.formUnion(IPRangeSet())
        return out
    }
}
