/// One PolicyRule of a Role or ClusterRole, with where it was written. Matching follows the
/// Kubernetes RBAC authorizer exactly (`RuleAllows` in `plugin/pkg/auth/authorizer/rbac/rbac.go`
/// with the helpers of `pkg/apis/rbac/v1/evaluation_helpers.go`), so answers agree with the API server.
public struct RBACRule: Sendable, Hashable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]
    /// The role that contains the rule as written: for an aggregated ClusterRole, the role it was
    /// collected from (`system:aggregate-to-edit` for a rule of `admin`).
    public var definedIn: String
    /// Index of the rule in `definedIn`'s `rules`.
    public var index: Int
    /// Line of the rule in its file (`nil` for built-in roles).
    public var line: Int?

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = [], definedIn: String = "", index: Int = 0, line: Int? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
        self.definedIn = definedIn
        self.index = index
        self.line = line
    }

    init(_ view: PolicyRuleView, definedIn: String) {
        self.init(
            verbs: view.verbs, apiGroups: view.apiGroups, resources: view.resources,
            resourceNames: view.resourceNames, nonResourceURLs: view.nonResourceURLs, definedIn: definedIn,
            index: view.index, line: view.node.mark.line)
    }

    /// What the rule says, without where it came from: the aggregation controller drops a collected
    /// rule equal to one already present.
    struct Content: Hashable {
        let verbs: [String]
        let apiGroups: [String]
        let resources: [String]
        let resourceNames: [String]
        let nonResourceURLs: [String]
    }

    var content: Content {
        Content(
            verbs: verbs, apiGroups: apiGroups, resources: resources, resourceNames: resourceNames,
            nonResourceURLs: nonResourceURLs)
    }

    /// Whether this rule allows `request` (its namespace is the binding's business, not the rule's).
    public func allows(_ request: RBACRequest) -> Bool {
        guard verbMatches(request.verb) else { return false }
        switch request.target {
        case .resource(let group, let resource, let subresource, let name):
            let combined = subresource.isEmpty ? resource : resource + "/" + subresource
            return groupMatches(group) && resourceMatches(combined, subresource: subresource) && nameMatches(name)
        case .nonResourceURL(let url):
            return urlMatches(url)
        }
    }

    /// `VerbMatches`: `*` or the exact verb.
    public func verbMatches(_ verb: String) -> Bool { verbs.contains { $0 == "*" || $0 == verb } }

    /// `APIGroupMatches`: `*` or the exact group (`""` is the core group).
    public func groupMatches(_ group: String) -> Bool { apiGroups.contains { $0 == "*" || $0 == group } }

    /// `ResourceMatches`: `*`, the exact `resource` or `resource/subresource`, or `*/subresource`
    /// when the request has that subresource.
    public func resourceMatches(_ combined: String, subresource: String) -> Bool {
        for r in resources {
            if r == "*" || r == combined { return true }
            if !subresource.isEmpty, r.utf8.count == subresource.utf8.count + 2, r.hasPrefix("*/"),
                r.hasSuffix(subresource)
            {
                return true
            }
        }
        return false
    }

    /// `ResourceNameMatches`: no `resourceNames` allows any name; otherwise the requested name must be
    /// listed, so a request without a name (list, create, watch) is not allowed.
    public func nameMatches(_ name: String) -> Bool { resourceNames.isEmpty || resourceNames.contains(name) }

    /// `NonResourceURLMatches`: `*`, the exact path, or a prefix written with a trailing `*`.
    public func urlMatches(_ url: String) -> Bool {
        for rule in nonResourceURLs {
            if rule == "*" || rule == url { return true }
            if rule.hasSuffix("*") {
                var prefix = Substring(rule)
                while prefix.last == "*" { prefix = prefix.dropLast() }
                if url.hasPrefix(prefix) { return true }
            }
        }
        return false
    }

    /// `verbs=get,list groups=core resources=pods names=web`, compact like `kubectl describe role`.
    public var summary: String {
        var parts: [String] = []
        if !nonResourceURLs.isEmpty {
            parts.append("nonResourceURLs=" + nonResourceURLs.joined(separator: ","))
        } else {
            parts.append("apiGroups=" + apiGroups.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ","))
            parts.append("resources=" + resources.joined(separator: ","))
            if !resourceNames.isEmpty { parts.append("resourceNames=" + resourceNames.joined(separator: ",")) }
        }
        parts.append("verbs=" + verbs.joined(separator: ","))
        return parts.joined(separator: " ")
    }
}
