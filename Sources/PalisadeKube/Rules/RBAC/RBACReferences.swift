/// Links and framework strings shared by the RBAC rules.
enum RBACReferences {
    static let category = "RBAC"
    static let rbacDocs = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
    static let goodPractices = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    static let nsaLeastPrivilege = "Authentication and authorization: least-privilege RBAC"

}
