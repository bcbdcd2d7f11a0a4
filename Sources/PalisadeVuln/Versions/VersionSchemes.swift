/// The version order of each scheme, chosen at run time from an advisory's ecosystem.
public enum VersionSchemes {
    /// `compare(a, b)`: negative, zero or positive; nil when either version does not parse under
    /// the scheme (the matcher then reports "not evaluated").
    public static func comparator(for scheme: OSVEcosystemMapping.Scheme) -> @Sendable (String, String) -> Int? {
        switch scheme {
        case .dpkg: DpkgVersionScheme.compare
        case .apk: ApkVersionScheme.compare
        case .rpm: RpmVersionScheme.compare
        case .pep440: PEP440VersionScheme.compare
        case .semver: SemVerVersionScheme.compare
        case .maven: MavenVersionScheme.compare
        case .rubygems: RubyGemsVersionScheme.compare
        }
    }

    public static func name(of scheme: OSVEcosystemMapping.Scheme) -> String {
        switch scheme {
        case .dpkg: DpkgVersionScheme.name
        case .apk: ApkVersionScheme.name
        case .rpm: RpmVersionScheme.name
        case .pep440: PEP440VersionScheme.name
        case .semver: SemVerVersionScheme.name
        case .maven: MavenVersionScheme.name
        case .rubygems: RubyGemsVersionScheme.name
        }
    }
}

/// Text parsed into comparable versions under one order: what the range evaluator compares, so
/// each version string is parsed once per decision rather than on every comparison.
public protocol VersionOrder {
    associatedtype Version: Comparable
    /// nil when the text is not a version under this order.
    func version(_ text: String) -> Version?
}

/// Parsed versions by their text: one scan compares the same installed and event versions
/// thousands of times, so each distinct string is parsed once. For one scan, one thread.
public final class MemoizedVersionOrder<Scheme: VersionScheme>: VersionOrder {
    private var parsed: [String: Scheme.Version?] = [:]

    public init() {}

    public func version(_ text: String) -> Scheme.Version? {
        if let known = parsed[text] { return known }
        let v = Scheme.parse(text)
        parsed[text] = v
        return v
    }
}

/// A comparison function as a `VersionOrder`: a text is a version when it compares with itself.
struct ClosureVersionOrder: VersionOrder {
    struct Version: Comparable {
        let text: String
        let compare: (String, String) -> Int?

        static func < (a: Version, b: Version) -> Bool { (a.compare(a.text, b.text) ?? 0) < 0 }
        static func == (a: Version, b: Version) -> Bool { a.compare(a.text, b.text) == 0 }
    }

    let compare: (String, String) -> Int?

    init(_ compare: @escaping (String, String) -> Int?) { self.compare = compare }

    func version(_ text: String) -> Version? {
        compare(text, text) == nil ? nil : Version(text: text, compare: compare)
    }
}
