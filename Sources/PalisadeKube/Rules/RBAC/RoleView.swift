import PalisadeFormats

/// A Role or ClusterRole and its rules. Aggregated ClusterRoles have no rules of their own
/// (the controller fills them in), so they simply yield an empty list. Parsed once per object
/// (`KubeObject.roleView`) and shared by every RBAC rule, hence a class.
final class RoleView: Sendable {
    static let apiGroup = "rbac.authorization.k8s.io"
    /// Compared instead of `KubeObject.apiGroup`, which allocates, since every rule asks for every object.
    static let apiVersionPrefix = apiGroup + "/"

    let kind: String
    let name: String
    let namespace: String?
    let rules: [PolicyRuleView]

    var isClusterRole: Bool { kind == "ClusterRole" }

    static func isRole(_ object: KubeObject) -> Bool { isRole(kind: object.kind, apiVersion: object.apiVersion) }

    static func isRole(kind: String, apiVersion: String) -> Bool {
        (kind == "Role" || kind == "ClusterRole") && apiVersion.hasPrefix(apiVersionPrefix)
    }

    /// Rules should use the object's cached `roleView` rather than parse again.
    convenience init?(_ object: KubeObject) {
        guard Self.isRole(object) else { return nil }
        self.init(kind: object.kind, name: object.name, namespace: object.namespace, root: object.root)
    }

    init(kind: String, name: String, namespace: String?, root: YAMLNode) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        var rules: [PolicyRuleView] = []
        for (i, node) in (root["rules"]?.list ?? []).enumerated() where node.isMapping {
            rules.append(PolicyRuleView(node: node, index: i))
        }
        self.rules = rules
    }

    /// `ClusterRole "ops" rule[2]`: how messages name a rule.
    func label(_ rule: PolicyRuleView) -> String { "\(kind) \"\(name)\" rule[\(rule.index)]" }

    /// Where a grant applies, as a message suffix.
    func scope(namespaced: Bool) -> String {
        if !isClusterRole { return namespace.map { " in namespace \"\($0)\"" } ?? " in its namespace" }
        return namespaced ? " in all namespaces" : ""
    }

    /// One violation per policy rule that grants any of `permissions`, at the rule's `verbs`,
    /// e.g. `Role "dev" rule[0] grants create,patch on pods, deployments in namespace "dev"`.
    /// Cluster-scoped permissions are ignored in a Role, where the API server never applies them.
    func violations(granting permissions: [Permission]) -> [Violation] {
        var out: [Violation] = []
        for rule in rules {
            if let grant = grant(of: permissions, by: rule) {
                out.append(Violation(describe(grant, rule: rule), at: rule.verbsNode))
            }
        }
        return out
    }

    /// What `rule` grants out of `permissions`, merged across resources; `nil` when nothing.
    func grant(of permissions: [Permission], by rule: PolicyRuleView) -> RoleGrant? {
        var grant = RoleGrant()
        for p in permissions where isClusterRole || p.namespaced {
            let verbs = rule.granted(p.verbs, on: p.resource, in: p.group)
            if verbs.isEmpty { continue }
            for v in verbs where !grant.verbs.contains(v) { grant.verbs.append(v) }
            if !grant.resources.contains(p.resource) { grant.resources.append(p.resource) }
            grant.namespaced = grant.namespaced || p.namespaced
            if grant.note.isEmpty { grant.note = rule.wildcardNote(verbs: verbs, resource: p.resource, group: p.group) }
        }
        return grant.verbs.isEmpty ? nil : grant
    }

    func describe(_ grant: RoleGrant, rule: PolicyRuleView) -> String {
        "\(label(rule)) grants \(grant.verbs.joined(separator: ",")) on \(grant.resources.joined(separator: ", "))"
            + scope(namespaced: grant.namespaced) + grant.note
    }
}

/// The part of a set of permissions one policy rule grants.
struct RoleGrant: Sendable {
    var verbs: [String] = []
    var resources: [String] = []
    var namespaced = false
    var note = ""
}

/// A dangerous permission: some verbs on one resource (`pods/exec`) of one API group (`""` is core).
struct Permission: Sendable {
    let group: String
    let resource: String
    let verbs: [String]
    /// Whether the resource lives in a namespace (and so can be granted by a Role).
    let namespaced: Bool

    init(_ group: String, _ resource: String, verbs: [String], namespaced: Bool = true) {
        self.group = group
        self.resource = resource
        self.verbs = verbs
        self.namespaced = namespaced
    }
}
