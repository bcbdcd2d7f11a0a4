import PalisadeFormats

/// One entry of a Role's or ClusterRole's `rules`, read with the API server's wildcard semantics
/// so that `verbs: ["*"]` is seen to grant `create` on `pods/exec` like an explicit entry would.
struct PolicyRuleView: Sendable {
    let node: YAMLNode
    let index: Int
    let apiGroups: [String]
    let resources: [String]
    let verbs: [String]
    let resourceNames: [String]
    let nonResourceURLs: [String]

    init(node: YAMLNode, index: Int) {
        self.node = node
        self.index = index
        apiGroups = node["apiGroups"]?.list.compactMap(Self.text) ?? []
        resources = node["resources"]?.list.compactMap(Self.text) ?? []
        verbs = node["verbs"]?.list.compactMap(Self.text) ?? []
        resourceNames = node["resourceNames"]?.list.compactMap(Self.text) ?? []
        nonResourceURLs = node["nonResourceURLs"]?.list.compactMap(Self.text) ?? []
    }

    /// `""` is the core group; an empty (non-null) scalar must stay `""` rather than vanish.
    private static func text(_ node: YAMLNode) -> String? {
        if let s = node.scalar, s.style != .plain { return s.value }
        return node.string ?? (node.isNull ? "" : nil)
    }

    /// The node findings about this rule point at: `verbs` when present, else the rule itself.
    var verbsNode: YAMLNode { node["verbs"] ?? node }

    func coversGroup(_ group: String) -> Bool {
        apiGroups.contains("*") || apiGroups.contains(group)
    }

    /// Resource matching as `rbac/v1` ResourceMatches does it: `*`, an exact `resource/subresource`,
    /// or `*/subresource`.
    func coversResource(_ resource: String) -> Bool {
        for r in resources {
            if r == "*" || r == resource { return true }
            if r.hasPrefix("*/"), let slash = resource.firstIndex(of: "/"),
                r.dropFirst(2) == resource[resource.index(after: slash)...]
            {
                return true
            }
        }
        return false
    }

    func allows(_ verb: String) -> Bool { verbs.contains("*") || verbs.contains(verb) }

    var hasWildcardVerb: Bool { verbs.contains("*") }
    var hasWildcardResource: Bool { resources.contains("*") }
    var hasWildcardGroup: Bool { apiGroups.contains("*") }

    /// The verbs among `wanted` this rule grants on `resource` of `group` (empty when none);
    /// `wanted == ["*"]` means any verb at all, and returns the rule's own verbs.
    func granted(_ wanted: [String], on resource: String, in group: String) -> [String] {
        guard coversGroup(group), coversResource(resource) else { return [] }
        if wanted == ["*"] { return verbs }
        if hasWildcardVerb { return wanted }
        return wanted.filter { verbs.contains($0) }
    }

    /// Which wildcards were needed to grant `verbs` on `resource` of `group`, for messages:
    /// ` (via verbs "*", resources "*")`, or `""` when every entry was explicit.
    func wildcardNote(verbs granted: [String], resource: String, group: String) -> String {
        var notes: [String] = []
        if granted.contains(where: { !verbs.contains($0) }) { notes.append("verbs \"*\"") }
        if !resources.contains(resource) {
            notes.append("resources \"\(resources.first { $0.hasPrefix("*") } ?? "*")\"")
        }
        if !apiGroups.contains(group) { notes.append("apiGroups \"*\"") }
        return notes.isEmpty ? "" : " (via " + notes.joined(separator: ", ") + ")"
    }
}
