import PalisadeCore
import PalisadeFormats

/// `*` verbs on `*` resources in `*` API groups: the role is cluster-admin under another name.
struct RBACFullWildcard: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-WILDCARD-ADMIN",
        title: "Role grants every verb on every resource (cluster-admin equivalent)",
        severity: .critical,
        category: RBACReferences.category,
        why:
            "A rule with verbs, resources and apiGroups all \"*\" grants everything the API server offers, "
            + "including Secrets, exec into any pod, and editing RBAC itself. Whoever is bound to it owns the "
            + "cluster (or the namespace, for a Role) and can plant persistent backdoors.",
        remediation:
            "List the exact apiGroups, resources and verbs the subject needs. If full control is really intended, "
            + "bind the built-in cluster-admin ClusterRole explicitly so it is visible in reviews.",
        frameworks: FrameworkMappings(
            cis: ["5.1.1", "5.1.3"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078"]),
        references: [RBACReferences.goodPractices, RBACReferences.rbacDocs])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        return role.rules.filter(Self.isFullWildcard).map { rule in
            Violation(
                "\(role.label(rule)) grants every verb on every resource in every API group (\"*\"/\"*\"/\"*\")"
                    + role.scope(namespaced: true) + ": equivalent to cluster-admin", at: rule.verbsNode)
        }
    }

    static func isFullWildcard(_ rule: PolicyRuleView) -> Bool {
        rule.hasWildcardVerb && rule.hasWildcardResource && rule.hasWildcardGroup
    }
}

/// `*` in verbs: the rule also grants verbs added later (escalate, bind, impersonate, approve…).
struct RBACWildcardVerbs: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-WILDCARD-VERBS",
        title: "Role grants all verbs (\"*\") on some resources",
        severity: .medium,
        category: RBACReferences.category,
        why:
            "verbs: [\"*\"] grants delete, deletecollection and the special verbs (escalate, bind, impersonate, "
            + "approve) as well as any verb a future Kubernetes version adds, far beyond what a subject usually "
            + "needs.",
        remediation: "Replace \"*\" with the verbs actually needed, e.g. [get, list, watch] for read-only access.",
        frameworks: FrameworkMappings(cis: ["5.1.3"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078"]),
        references: [RBACReferences.goodPractices])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        var out: [Violation] = []
        for rule in role.rules where rule.hasWildcardVerb && !RBACFullWildcard.isFullWildcard(rule) {
            let target =
                rule.resources.isEmpty
                ? "non-resource URLs " + rule.nonResourceURLs.joined(separator: ", ")
                : rule.resources.joined(separator: ", ")
            out.append(
                Violation("\(role.label(rule)) grants all verbs (\"*\") on \(target)", at: rule.verbsNode))
        }
        return out
    }
}

/// `*` in resources: the rule covers Secrets, subresources such as `pods/exec`, and future resources.
struct RBACWildcardResources: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-WILDCARD-RESOURCES",
        title: "Role grants access to all resources (\"*\")",
        severity: .high,
        category: RBACReferences.category,
        why:
            "resources: [\"*\"] covers every resource and subresource of the listed groups: in the core group "
            + "that includes secrets, pods/exec and serviceaccounts/token, and it silently extends to resources "
            + "installed later (CRDs).",
        remediation: "List the resources needed explicitly; never use \"*\" in resources.",
        frameworks: FrameworkMappings(
            cis: ["5.1.3"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1552.007"]),
        references: [RBACReferences.goodPractices])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        var out: [Violation] = []
        for rule in role.rules where rule.hasWildcardResource && !RBACFullWildcard.isFullWildcard(rule) {
            let groups = rule.apiGroups.map { $0.isEmpty ? "\"\" (core)" : "\"\($0)\"" }.joined(separator: ", ")
            out.append(
                Violation(
                    "\(role.label(rule)) grants \(rule.verbs.joined(separator: ",")) on all resources (\"*\") "
                        + "of API groups \(groups)", at: rule.node["resources"] ?? rule.node))
        }
        return out
    }
}

/// `*` in apiGroups: the listed resource names match in every group, including CRDs installed later.
struct RBACWildcardAPIGroups: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-WILDCARD-APIGROUPS",
        title: "Role matches resources in all API groups (\"*\")",
        severity: .low,
        category: RBACReferences.category,
        why:
            "apiGroups: [\"*\"] makes the listed resource names match in every API group, including custom "
            + "resources installed later whose name happens to match, so the grant is wider than reviewed.",
        remediation: "List the API groups explicitly (\"\" for the core group, \"apps\", \"batch\", …).",
        frameworks: FrameworkMappings(cis: ["5.1.3"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078"]),
        references: [RBACReferences.rbacDocs])

    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let role = object.roleView else { return [] }
        var out: [Violation] = []
        for rule in role.rules
        where rule.hasWildcardGroup && !rule.hasWildcardResource && !RBACFullWildcard.isFullWildcard(rule) {
            out.append(
                Violation(
                    "\(role.label(rule)) grants \(rule.verbs.joined(separator: ",")) on "
                        + "\(rule.resources.joined(separator: ", ")) in all API groups (\"*\")",
                    at: rule.node["apiGroups"] ?? rule.node))
        }
        return out
    }
}
