/// A Python package version as PEP 440 defines it, parsed into the parts that decide its order.
///
/// Equality follows PEP 440, not spelling: `1.0` equals `1.0.0`, and `1.0c1` equals `1.0rc1`.
public struct PEP440Version: Sendable, Comparable, CustomStringConvertible {
    /// Pre-release phase; raw values give their order (`a` < `b` < `rc`).
    public enum PreReleasePhase: Int, Sendable {
        case alpha = 0
        case beta = 1
        case releaseCandidate = 2

        var spelling: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }
    }

    /// One dot-separated part of a local version label (`+ubuntu.1`): numbers sort after words.
    public enum LocalSegment: Sendable, Comparable {
        case text(String)
        case number(UInt64)
    }

    public var epoch: UInt64
    public var release: [UInt64]
    public var preRelease: (phase: PreReleasePhase, number: UInt64)?
    public var postRelease: UInt64?
    public var devRelease: UInt64?
    public var local: [LocalSegment]?

    /// The PEP 440 normal form, as `packaging.version.Version.__str__` prints it.
    public var description: String {
        var out = epoch == 0 ? "" : "\(epoch)!"
        out += release.map(String.init).joined(separator: ".")
        if let preRelease { out += "\(preRelease.phase.spelling)\(preRelease.number)" }
        if let postRelease { out += ".post\(postRelease)" }
        if let devRelease { out += ".dev\(devRelease)" }
        if let local {
            out += "+"
            out += local.map { segment in
                switch segment {
                case .text(let text): text
                case .number(let number): String(number)
                }
            }.joined(separator: ".")
        }
        return out
    }

    public static func == (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        compareParts(lhs, rhs) == 0
    }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        compareParts(lhs, rhs) < 0
    }

    /// PEP 440 ordering, as `packaging` computes its sort key: epoch, release padded with zeros,
    /// then pre (a dev-only release sorts before every pre-release), post, dev, and local label.
    static func compareParts(_ a: PEP440Version, _ b: PEP440Version) -> Int {
        if a.epoch != b.epoch { return a.epoch < b.epoch ? -1 : 1 }
        let count = max(a.release.count, b.release.count)
        for index in 0..<count {
            let x = index < a.release.count ? a.release[index] : 0
            let y = index < b.release.count ? b.release[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        let preA = a.preReleaseKey
        let preB = b.preReleaseKey
        if preA != preB { return preA < preB ? -1 : 1 }
        let postA = a.postRelease.map { (1, $0) } ?? (0, 0)
        let postB = b.postRelease.map { (1, $0) } ?? (0, 0)
        if postA != postB { return postA < postB ? -1 : 1 }
        let devA = a.devRelease.map { (0, $0) } ?? (1, 0)
        let devB = b.devRelease.map { (0, $0) } ?? (1, 0)
        if devA != devB { return devA < devB ? -1 : 1 }
        return compareLocal(a.local, b.local)
    }

    private var preReleaseKey: (Int, UInt64) {
        if let preRelease { return (1 + preRelease.phase.rawValue, preRelease.number) }
        if postRelease == nil && devRelease != nil { return (0, 0) }
        return (4, 0)
    }

    private static func compareLocal(_ a: [LocalSegment]?, _ b: [LocalSegment]?) -> Int {
        guard let a else { return b == nil ? 0 : -1 }
        guard let b else { return 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
