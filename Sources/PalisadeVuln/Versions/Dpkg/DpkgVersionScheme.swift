/// Debian and Ubuntu package versions, ordered exactly as dpkg orders them (Debian Policy §5.6.12 and
/// dpkg's `verrevcmp`). Advisories from the Debian and Ubuntu trackers name fixed versions in this
/// syntax, so any other ordering would misjudge `~` pre-releases and epochs and report the wrong
/// packages as vulnerable.
public enum DpkgVersionScheme: VersionScheme {
    public static let name = "dpkg"

    /// Longest version string accepted; real Debian versions stay far below this, and the cap keeps
    /// hostile input from costing unbounded work.
    public static let maximumLength = 1024

    /// A parsed `[epoch:]upstream_version[-debian_revision]`.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// The epoch; 0 when absent.
        public let epoch: Int
        /// The upstream version bytes (may contain `-` and `:` when a revision / epoch is present).
        public let upstream: [UInt8]
        /// The Debian revision bytes; empty when the version has no `-`.
        public let revision: [UInt8]

        public var description: String {
            let body = String(decoding: upstream, as: UTF8.self)
            let head = epoch == 0 ? body : "\(epoch):\(body)"
            return revision.isEmpty ? head : head + "-" + String(decoding: revision, as: UTF8.self)
        }

        /// Equality is dpkg's: `0:1.0-0` equals `1.0-00` because they compare equal.
        public static func == (lhs: Version, rhs: Version) -> Bool {
            DpkgVersionComparison.compare(lhs, rhs) == 0
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            DpkgVersionComparison.compare(lhs, rhs) < 0
        }
    }

    /// Parses like dpkg's `parseversion`: surrounding blanks are trimmed; the epoch is the decimal
    /// number before the first `:`; the revision is everything after the last `-`; the upstream
    /// version must start with a digit and hold only alphanumerics and `.+~-:`; the revision only
    /// alphanumerics and `.+~`. Anything dpkg rejects (or merely warns about) is nil here.
    public static func parse(_ text: String) -> Version? {
        var bytes = Array(text.utf8)
        guard bytes.count <= maximumLength else { return nil }
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        var start = 0
        while start < bytes.count, isBlank(bytes[start]) { start += 1 }
        let body = bytes[start...]
        guard !body.isEmpty else { return nil }
        if body.contains(where: isSpace) { return nil }

        var epoch = 0
        var versionStart = body.startIndex
        if let colon = body.firstIndex(of: UInt8(ascii: ":")) {
            let digits = body[body.startIndex..<colon]
            guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
            for digit in digits {
                epoch = epoch * 10 + Int(digit - UInt8(ascii: "0"))
                guard epoch <= Int(Int32.max) else { return nil }
            }
            versionStart = colon + 1
            guard versionStart < body.endIndex else { return nil }
        }
        var upstream = body[versionStart...]
        var revision = body[body.endIndex...]
        if let hyphen = upstream.lastIndex(of: UInt8(ascii: "-")) {
            revision = upstream[(hyphen + 1)...]
            upstream = upstream[..<hyphen]
        }
        guard let first = upstream.first, isDigit(first) else { return nil }
        guard upstream.allSatisfy(isUpstreamByte), revision.allSatisfy(isRevisionByte) else { return nil }
        return Version(epoch: epoch, upstream: Array(upstream), revision: Array(revision))
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isUpstreamByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "~")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }

    private static func isRevisionByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "~")
    }
}
