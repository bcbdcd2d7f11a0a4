/// The list of every rule Palisade knows, keyed by id. Built once from the analyzers'
/// rule lists; duplicate ids are a programming error caught by tests.
public struct RuleCatalog: Sendable {
    public let rules: [RuleMetadata]
    private let byId: [String: Int]

    public init(_ rules: [RuleMetadata]) {
        self.rules = rules.sorted { $0.id < $1.id }
        var index: [String: Int] = [:]
        for (i, rule) in self.rules.enumerated() where index[rule.id] == nil {
            index[rule.id] = i
        }
        self.byId = index
    }

    public subscript(id: String) -> RuleMetadata? {
        byId[id.uppercased()].map { rules[$0] } ?? byId[id].map { rules[$0] }
    }

    /// Ids that appear more than once (should always be empty).
    public var duplicateIds: [String] {
        var seen: Set<String> = []
        var dups: [String] = []
        for rule in rules where !seen.insert(rule.id).inserted { dups.append(rule.id) }
        return dups
    }
}
