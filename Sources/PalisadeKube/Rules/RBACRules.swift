/// The RBAC rules: dangerous grants in Roles and ClusterRoles, and risky bindings.
public enum RBACRules {
    public static let all: [any ObjectRule] = [
        RBACFullWildcard(),
        RBACWildcardVerbs(),
        RBACWildcardResources(),
        RBACWildcardAPIGroups(),
        RBACSecretsRead(),
        RBACSecretsNamedRead(),
        RBACPodExec(),
        RBACEphemeralContainers(),
        RBACWorkloadCreate(),
        RBACNodesProxy(),
        RBACServiceAccountTokenCreate(),
        RBACEscalate(),
        RBACBind(),
        RBACImpersonate(),
        RBACApproveCSR(),
        RBACWebhookConfig(),
        RBACClusterAdminBinding(),
        RBACSystemMastersBinding(),
        RBACAnonymousBinding(),
        RBACAuthenticatedBinding(),
        RBACDefaultServiceAccountBinding(),
    ]
}
