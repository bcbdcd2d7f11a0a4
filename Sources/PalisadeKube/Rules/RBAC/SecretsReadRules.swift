import PalisadeCore
import PalisadeFormats

/// Read access to Secrets decides who holds every credential in scope, service-account tokens included.
enum SecretsAccess {
    static let readVerbs = ["get", "list", "watch"]
    static let permission = Permission("", "secrets", verbs: readVerbs)

    /// Grants of `role` on secrets, split by whether `resourceNames` restricts them.
    static func grants(_ role: RoleView) -> [(rule: PolicyRuleView, grant: RoleGrant, named: Bool)] {
        role.rules.compactMap { rule in
            guard let grant = role.grant(of: [permission], by: rule) else { return nil }
            return (rule, grant, !rule.resourceNames.isEmpty)
        }
    }
}

/// get/list/watch on all Secrets of a namespace or of the cluster.
struct RBACSecretsRead: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-SECRETS-READ",
        title: "Role can read all Secrets",
        severity: .high,
        category: RBACReferences.category,
        why:
            "list or watch on secrets returns every Secret with its data, and get without resourceNames reads "
            + "any Secret by name: database passwords, TLS keys, registry credentials and service-account tokens, "
            + "which then let the holder act as those service accounts.",
        remediation:
            "Remove get/list/watch on secrets, or restrict get to named Secrets with resourceNames. Mount the "
            + "Secrets a workload needs instead of reading them through the API.",
        frameworks: FrameworkMappings(
            cis: ["5.1.2"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1552.007", "T1078"]),
        references: [RBACReferences.goodPractices, "https://kubernetes.io/docs/concepts/configuration/secret/"])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        return SecretsAccess.grants(role).filter { !$0.named }.map {
            Violation(role.describe($0.grant, rule: $0.rule), at: $0.rule.verbsNode)
        }
    }
}

/// Read access limited to named Secrets: narrower, still worth reviewing.
struct RBACSecretsNamedRead: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-SECRETS-NAMED-READ",
        title: "Role can read specific Secrets",
        severity: .low,
        category: RBACReferences.category,
        why:
            "Access restricted with resourceNames exposes only the named Secrets, but their contents are still "
            + "credentials; confirm the subject really needs them through the API rather than a volume mount.",
        remediation: "Keep resourceNames as narrow as possible, or mount the Secret into the workload instead.",
        frameworks: FrameworkMappings(
            cis: ["5.1.2"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1552.007"]),
        references: [RBACReferences.goodPractices])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        return SecretsAccess.grants(role).filter(\.named).map { item in
            let names = item.rule.resourceNames.map { "\"\($0)\"" }.joined(separator: ", ")
            var grant = item.grant
            grant.resources = ["secrets " + names]
            return Violation(
                role.describe(grant, rule: item.rule), at: item.rule.node["resourceNames"] ?? item.rule.node)
        }
    }
}
