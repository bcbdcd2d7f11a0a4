import PalisadeCore
import PalisadeFormats

/// Bindings of the built-in cluster-admin ClusterRole: full control, cluster-wide or of a namespace.
struct RBACClusterAdminBinding: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-CLUSTER-ADMIN-BINDING",
        title: "Binding grants cluster-admin",
        severity: .high,
        category: RBACReferences.category,
        why:
            "cluster-admin allows every action on every resource. A compromised subject holding it (a CI token, "
            + "an operator's service account) gives the attacker the whole cluster, or the whole namespace for a "
            + "RoleBinding, including every Secret.",
        remediation:
            "Bind a role with only the permissions needed; keep cluster-admin for break-glass accounts and bind "
            + "it temporarily.",
        frameworks: FrameworkMappings(
            cis: ["5.1.1"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1098"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
        ])

    func applies(to object: KubeObject) -> Bool { BindingView.isBinding(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let b = object.bindingView, b.roleKind == "ClusterRole", b.roleName == "cluster-admin",
            let node = b.roleNode
        else { return [] }
        let who = b.subjects.isEmpty ? "no subjects yet" : b.subjects.map(\.label).joined(separator: ", ")
        return [Violation("\(b.label) grants cluster-admin\(b.scope) to \(who)", at: node)]
    }
}

/// `system:masters` bypasses RBAC entirely; bindings to it show reliance on that group.
struct RBACSystemMastersBinding: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-SYSTEM-MASTERS",
        title: "Binding names the system:masters group",
        severity: .high,
        category: RBACReferences.category,
        why:
            "Members of system:masters are superusers whose requests skip RBAC and webhook authorization, and "
            + "their client certificates cannot be revoked. Binding roles to the group suggests credentials are "
            + "being issued in it.",
        remediation:
            "Do not issue credentials in system:masters outside bootstrap; create a dedicated group bound to the "
            + "role it needs.",
        frameworks: FrameworkMappings(
            cis: ["5.1.7"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078"]),
        references: [RBACReferences.goodPractices])

    func applies(to object: KubeObject) -> Bool { BindingView.isBinding(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let b = object.bindingView else { return [] }
        return b.subjects.filter { BindingView.isPrincipal($0, kind: "Group", name: "system:masters") }.map {
            Violation("\(b.label) binds \(b.roleLabel)\(b.scope) to Group \"system:masters\"", at: $0.node)
        }
    }
}

/// Built-in roles that clusters bind to everyone on purpose (discovery, version, self-review).
private let publicDefaultRoles: Set<String> = ["system:public-info-viewer", "system:discovery", "system:basic-user"]

/// Bindings to anonymous or unauthenticated requests: anyone who can reach the API server.
struct RBACAnonymousBinding: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-ANONYMOUS-BINDING",
        title: "Binding grants a role to anonymous users",
        severity: .critical,
        category: RBACReferences.category,
        why:
            "User system:anonymous and Group system:unauthenticated are every request without credentials. Any "
            + "permission bound to them is open to whoever reaches the API server, the Internet included when "
            + "the endpoint is public.",
        remediation:
            "Delete the binding, or bind the role to the specific authenticated users, groups or service "
            + "accounts that need it; consider --anonymous-auth=false.",
        frameworks: FrameworkMappings(
            nsa: [RBACReferences.nsaLeastPrivilege, "Authentication: disable anonymous access"],
            mitre: ["T1078.001", "T1133"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests",
        ])

    func applies(to object: KubeObject) -> Bool { BindingView.isBinding(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let b = object.bindingView, !(b.roleKind == "ClusterRole" && publicDefaultRoles.contains(b.roleName))
        else { return [] }
        return b.subjects.filter(Self.isAnonymous).map {
            Violation("\(b.label) binds \(b.roleLabel)\(b.scope) to \($0.label): no credentials needed", at: $0.node)
        }
    }

    static func isAnonymous(_ s: BindingView.Subject) -> Bool {
        BindingView.isPrincipal(s, kind: "User", name: "system:anonymous")
            || BindingView.isPrincipal(s, kind: "Group", name: "system:unauthenticated")
    }
}

/// Bindings to every authenticated identity, every service account of every namespace included.
struct RBACAuthenticatedBinding: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-AUTHENTICATED-BINDING",
        title: "Binding grants a role to all authenticated users",
        severity: .medium,
        category: RBACReferences.category,
        why:
            "Group system:authenticated contains every identity the API server accepts: all service accounts of "
            + "all namespaces and, on managed clusters, sometimes any account of the cloud provider. A "
            + "compromised pod anywhere gets this role.",
        remediation: "Bind the role to the specific groups or service accounts that need it.",
        frameworks: FrameworkMappings(nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078"]),
        references: [RBACReferences.goodPractices])

    func applies(to object: KubeObject) -> Bool { BindingView.isBinding(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let b = object.bindingView, !(b.roleKind == "ClusterRole" && publicDefaultRoles.contains(b.roleName))
        else { return [] }
        return b.subjects.filter { BindingView.isPrincipal($0, kind: "Group", name: "system:authenticated") }.map {
            Violation("\(b.label) binds \(b.roleLabel)\(b.scope) to Group \"system:authenticated\"", at: $0.node)
        }
    }
}

/// Roles bound to a namespace's `default` service account reach every pod that names no account.
struct RBACDefaultServiceAccountBinding: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-RBAC-DEFAULT-SA-BINDING",
        title: "Binding grants a role to a default service account",
        severity: .low,
        category: RBACReferences.category,
        why:
            "Every pod that sets no serviceAccountName runs as its namespace's default service account, so a "
            + "role bound to it is silently given to all such pods, and to anyone who compromises one of them.",
        remediation:
            "Create a dedicated service account for the workload that needs the role, bind the role to it and "
            + "set serviceAccountName; leave the default service account without bindings.",
        frameworks: FrameworkMappings(
            cis: ["5.1.5"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1552.007"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts",
        ])

    func applies(to object: KubeObject) -> Bool { BindingView.isBinding(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let b = object.bindingView else { return [] }
        var out: [Violation] = []
        for s in b.subjects {
            let namespace: String?
            if s.kind == "ServiceAccount", s.name == "default" {
                namespace = s.namespace ?? b.namespace
            } else if s.kind == "User", s.name.hasPrefix("system:serviceaccount:"), s.name.hasSuffix(":default") {
                namespace = String(s.name.dropFirst("system:serviceaccount:".count).dropLast(":default".count))
            } else {
                continue
            }
            let who = namespace.map { "service account \"\($0)/default\"" } ?? "service account \"default\""
            out.append(Violation("\(b.label) binds \(b.roleLabel)\(b.scope) to \(who)", at: s.node))
        }
        return out
    }
}
