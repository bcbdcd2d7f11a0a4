/// RPM package versions (`[epoch:]version[-release]`), ordered by rpm's own `rpmvercmp`. Red Hat,
/// Fedora, SUSE, Amazon Linux and similar advisories name fixed versions as EVRs, and rpm's
/// segment rules (`~` before everything, `^` after the end, separators insignificant) decide
/// whether an installed package is older than the fix.
public enum RpmVersionScheme: VersionScheme {
    public static let name = "rpm"

    /// Longest EVR accepted; caps the work hostile input can cause.
    public static let maximumLength = 1024

    /// A parsed epoch-version-release.
    ///
    /// `<` and `==` form a total order in which a missing release sorts like an empty release
    /// (below any real release). rpm itself, when comparing dependency ranges, treats a missing
    /// release as matching every release; `RpmVersionScheme.compareLikeRpmDependency` gives that.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// The epoch; 0 when absent (rpm's rule for a missing epoch).
        public let epoch: UInt64
        public let version: [UInt8]
        /// The release, or nil when the text had no `-`.
        public let release: [UInt8]?

        public var description: String {
            var text = epoch == 0 ? "" : "\(epoch):"
            text += String(decoding: version, as: UTF8.self)
            if let release { text += "-" + String(decoding: release, as: UTF8.self) }
            return text
        }

        public static func == (lhs: Version, rhs: Version) -> Bool { compareTotal(lhs, rhs) == 0 }
        public static func < (lhs: Version, rhs: Version) -> Bool { compareTotal(lhs, rhs) < 0 }
    }

    /// Splits like rpm's `rpmverParse`: the epoch is the leading run of digits when a `:` follows it
    /// (an empty epoch means 0), the release is everything after the last `-`. Empty versions or
    /// releases, whitespace and control bytes, and epochs beyond 64 bits are rejected.
    public static func parse(_ text: String) -> Version? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return nil }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        var digitsEnd = 0
        while digitsEnd < bytes.count, RpmVersionComparison.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
        var epoch: UInt64 = 0
        var versionStart = 0
        if digitsEnd < bytes.count, bytes[digitsEnd] == UInt8(ascii: ":") {
            for digit in bytes[0..<digitsEnd] {
                let (times, overflowTimes) = epoch.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowSum else { return nil }
                epoch = sum
            }
            versionStart = digitsEnd + 1
        }
        var version = bytes[versionStart...]
        var release: ArraySlice<UInt8>?
        if let hyphen = version.lastIndex(of: UInt8(ascii: "-")) {
            release = version[(hyphen + 1)...]
            version = version[..<hyphen]
        }
        guard !version.isEmpty else { return nil }
        if let release, release.isEmpty { return nil }
        return Version(epoch: epoch, version: Array(version), release: release.map { Array($0) })
    }

    /// rpm's `rpmverCmp`: epochs, then versions, then releases only when both sides have one — so
    /// `1.0` matches `1.0-5`. Use this when an advisory names a version without a release and
    /// means "any build of it"; it is not a total order, so `<` does not use it.
    public static func compareLikeRpmDependency(_ lhs: Version, _ rhs: Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let version = RpmVersionComparison.rpmvercmp(lhs.version, rhs.version)
        if version != 0 { return version }
        guard let left = lhs.release, let right = rhs.release else { return 0 }
        return RpmVersionComparison.rpmvercmp(left, right)
    }

    private static func compareTotal(_ lhs: Version, _ rhs: Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let version = RpmVersionComparison.rpmvercmp(lhs.version, rhs.version)
        if version != 0 { return version }
        return RpmVersionComparison.rpmvercmp(lhs.release ?? [], rhs.release ?? [])
    }
}
