/// How one ecosystem orders its versions. Each scheme is its own type because each ecosystem's
/// rules differ in ways that decide whether a package is vulnerable (dpkg's `~` sorts before the
/// empty string, PEP 440's `1.0.post1` after `1.0`, Maven's `1.0-alpha` before `1.0`). A version
/// that does not parse is `nil`: the matcher reports it "not evaluated", never "not vulnerable".
public protocol VersionScheme: Sendable {
    associatedtype Version: Comparable & Sendable
    /// Short name for explanations: `dpkg`, `apk`, `rpm`, `pep440`, `semver`, `maven`, `rubygems`.
    static var name: String { get }
    static func parse(_ text: String) -> Version?
}

extension VersionScheme {
    /// Compares two version strings under this scheme; nil when either does not parse.
    public static func compare(_ a: String, _ b: String) -> Int? {
        guard let x = parse(a), let y = parse(b) else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
