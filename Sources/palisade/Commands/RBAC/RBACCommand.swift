import ArgumentParser

/// `palisade rbac …`: effective RBAC of a set of manifests, evaluated like the Kubernetes RBAC
/// authorizer (aggregation, built-in roles, namespaces, resourceNames, subresources, wildcards).
struct RBACCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Effective RBAC: who can do what, as the Kubernetes API server would decide it.",
        discussion: """
            Reads Roles, ClusterRoles, RoleBindings and ClusterRoleBindings from the given manifests. Bindings to \
            the roles every cluster has (cluster-admin, admin, edit, view, system:*) use the Kubernetes definitions \
            unless --no-builtin-roles. Without -n a question is cluster-wide: only ClusterRoleBindings answer it, \
            as with 'kubectl auth can-i --all-namespaces'.
            """,
        subcommands: [RBACWhoCanCommand.self, RBACCanCommand.self, RBACShowCommand.self, RBACEscalationsCommand.self])
}
