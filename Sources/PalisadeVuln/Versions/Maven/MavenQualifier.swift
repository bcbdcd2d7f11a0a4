/// Maven's well-known qualifiers and their aliases, in order: alpha < beta < milestone < rc <
/// snapshot < release ("", ga, final, release) < sp; any other word sorts after them, alphabetically.
enum MavenQualifier {
    static let ordered = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    static let releaseKey = "5"

    /// The comparable key of a lower-cased qualifier. A single `a`/`b`/`m` directly followed by a
    /// digit means alpha/beta/milestone (`1a1` is `1-alpha-1`); standing alone it is just a word.
    static func key(_ text: String, followedByDigit: Bool) -> String {
        var name = text
        if followedByDigit {
            switch text {
            case "a": name = "alpha"
            case "b": name = "beta"
            case "m": name = "milestone"
            default: break
            }
        }
        switch name {
        case "ga", "final", "release": name = ""
        case "cr": name = "rc"
        default: break
        }
        if let index = ordered.firstIndex(of: name) { return String(index) }
        return "\(ordered.count)-\(name)"
    }
}
