import PalisadeCore
import PalisadeFormats

private let rbacGroup = RoleView.apiGroup

/// `escalate` lets a subject write roles granting permissions it does not hold.
struct RBACEscalate: RoleGrantRule {
    static let permissions = [
        Permission(rbacGroup, "roles", verbs: ["escalate"]),
        Permission(rbacGroup, "clusterroles", verbs: ["escalate"], namespaced: false),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-ESCALATE",
        title: "Role grants the escalate verb on roles",
        severity: .high,
        category: RBACReferences.category,
        why:
            "The API server normally refuses to let a subject create or edit a role with more permissions than "
            + "it holds. escalate switches that check off: with update on its own role the subject can grant "
            + "itself anything, up to cluster-admin.",
        remediation: "Remove escalate (and \"*\" verbs) on roles and clusterroles.",
        frameworks: FrameworkMappings(
            cis: ["5.1.8"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1098", "T1078"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
        ])
}

/// `bind` lets a subject bind roles it does not hold, to itself or to anyone.
struct RBACBind: RoleGrantRule {
    static let permissions = [
        Permission(rbacGroup, "roles", verbs: ["bind"]),
        Permission(rbacGroup, "clusterroles", verbs: ["bind"], namespaced: false),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-BIND",
        title: "Role grants the bind verb on roles",
        severity: .high,
        category: RBACReferences.category,
        why:
            "bind lifts the rule that a subject can only create bindings for permissions it already holds: with "
            + "create on rolebindings it can bind cluster-admin (or any role it may bind) to itself.",
        remediation: "Remove bind on roles and clusterroles, or restrict it with resourceNames to harmless roles.",
        frameworks: FrameworkMappings(
            cis: ["5.1.8"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1098", "T1078"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
        ])
}

/// `impersonate` lets a subject act as other users, groups or service accounts.
struct RBACImpersonate: RoleGrantRule {
    static let permissions = [
        Permission("", "users", verbs: ["impersonate"], namespaced: false),
        Permission("", "groups", verbs: ["impersonate"], namespaced: false),
        Permission("", "serviceaccounts", verbs: ["impersonate"]),
        Permission("authentication.k8s.io", "userextras", verbs: ["impersonate"], namespaced: false),
        Permission("authentication.k8s.io", "uids", verbs: ["impersonate"], namespaced: false),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-IMPERSONATE",
        title: "Role grants impersonation",
        severity: .high,
        category: RBACReferences.category,
        why:
            "impersonate on users, groups or serviceaccounts lets the holder send requests as someone else "
            + "(Impersonate-User/Impersonate-Group headers), e.g. as a member of system:masters, gaining all of "
            + "their permissions.",
        remediation: "Remove impersonate, or restrict it with resourceNames to specific, low-privilege identities.",
        frameworks: FrameworkMappings(
            cis: ["5.1.8"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1098"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation",
        ])
}

/// Approving CSRs issues client certificates, e.g. for `system:masters` with a suitable signer.
struct RBACApproveCSR: RoleGrantRule {
    static let permissions = [
        Permission(
            "certificates.k8s.io", "certificatesigningrequests/approval", verbs: ["update", "patch"],
            namespaced: false),
        Permission("certificates.k8s.io", "signers", verbs: ["approve"], namespaced: false),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-CSR-APPROVE",
        title: "Role can approve certificate signing requests",
        severity: .high,
        category: RBACReferences.category,
        why:
            "update on certificatesigningrequests/approval together with approve on a signer lets the holder "
            + "approve its own CSR and obtain a client certificate for any identity the signer accepts (a node, "
            + "or a user in a privileged group): a credential that cannot be revoked before it expires.",
        remediation:
            "Leave CSR approval to the controller manager; remove update/patch on certificatesigningrequests/"
            + "approval and approve on signers from human and workload roles.",
        frameworks: FrameworkMappings(
            cis: ["5.1.11"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1098"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/",
        ])
}

/// Admission webhooks see (and may rewrite) every object sent to the API server.
struct RBACWebhookConfig: RoleGrantRule {
    static let verbs = ["create", "update", "patch", "delete", "deletecollection"]
    static let permissions = [
        Permission("admissionregistration.k8s.io", "mutatingwebhookconfigurations", verbs: verbs, namespaced: false),
        Permission(
            "admissionregistration.k8s.io", "validatingwebhookconfigurations", verbs: verbs, namespaced: false),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-WEBHOOK-CONFIG",
        title: "Role can modify admission webhook configurations",
        severity: .high,
        category: RBACReferences.category,
        why:
            "A mutating webhook the holder registers receives every matching object, Secrets included, and can "
            + "rewrite pods to add privileged containers; deleting a validating webhook switches policy "
            + "enforcement off.",
        remediation:
            "Restrict write access to mutatingwebhookconfigurations and validatingwebhookconfigurations to "
            + "cluster administrators and the controllers that own them (use resourceNames).",
        frameworks: FrameworkMappings(
            cis: ["5.1.12"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1562.001", "T1078"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/",
        ])
}
