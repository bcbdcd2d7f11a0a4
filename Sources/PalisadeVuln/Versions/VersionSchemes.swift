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
