/// A rule that flags Roles and ClusterRoles granting any of a fixed set of permissions: the
/// shape of most RBAC checks, so each one only declares its metadata and `permissions`.
protocol RoleGrantRule: ObjectRule {
    static var permissions: [Permission] { get }
}

extension RoleGrantRule {
    func applies(to object: KubeObject) -> Bool { RoleView.isRole(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        object.roleView?.violations(granting: Self.permissions) ?? []
    }
}
