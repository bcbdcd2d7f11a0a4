/// Which rules run: `--rule` (only these) and `--skip-rule` (never these). Ids match
/// case-insensitively; a trailing `*` matches a prefix (`K8S-RBAC-*`).
public struct RuleSelection: Sendable, Hashable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include.map { $0.uppercased() }
        self.exclude = exclude.map { $0.uppercased() }
    }

    public static let all = RuleSelection()

    public func isEnabled(_ id: String) -> Bool {
        let id = id.uppercased()
        if exclude.contains(where: { Self.matches($0, id) }) { return false }
        if include.isEmpty { return true }
        return include.contains(where: { Self.matches($0, id) })
    }

    public static func matches(_ pattern: String, _ id: String) -> Bool {
        if pattern.hasSuffix("*") { return id.hasPrefix(pattern.dropLast()) }
        return pattern == id
    }
}
