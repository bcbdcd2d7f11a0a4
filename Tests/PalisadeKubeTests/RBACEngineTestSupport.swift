import PalisadeFormats
import PalisadeKube

/// Builds an RBAC policy from YAML text for the engine tests.
enum RBACEngine {
    static func policy(_ yaml: String, builtIn: Bool = false, defaultNamespace: String = "default") -> RBACPolicy {
        var loaded = KubeObjectLoader.Loaded()
        KubeObjectLoader().load(SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)), into: &loaded)
        return RBACPolicy(objects: loaded.objects, builtInRoles: builtIn, defaultNamespace: defaultNamespace)
    }

    static func authorizer(_ yaml: String, builtIn: Bool = false) -> RBACAuthorizer {
        RBACAuthorizer(policy: policy(yaml, builtIn: builtIn))
    }

    static func user(_ name: String, groups: [String] = []) -> RBACIdentity {
        RBACIdentity(RBACSubject(kind: RBACSubject.user, name: name), extraGroups: groups)
    }

    static func sa(_ namespace: String, _ name: String) -> RBACIdentity {
        RBACIdentity(RBACSubject(kind: RBACSubject.serviceAccount, name: name, namespace: namespace))
    }

    static func clusterRole(_ name: String, labels: String = "", rules: String) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: \(name)\(labels.isEmpty ? "" : "\n  labels: " + labels)
        rules:
        \(rules)
        ---

        """
    }

    static func role(_ name: String, namespace: String, rules: String) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: \(name)
          namespace: \(namespace)
        rules:
        \(rules)
        ---

        """
    }

    /// A binding; `namespace == nil` makes a ClusterRoleBinding.
    static func binding(
        _ name: String, namespace: String? = nil, roleKind: String = "ClusterRole", role: String, subjects: String
    ) -> String {
        let kind = namespace == nil ? "ClusterRoleBinding" : "RoleBinding"
        return """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(kind)
            metadata:
              name: \(name)\(namespace.map { "\n  namespace: " + $0 } ?? "")
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: \(roleKind)
              name: \(role)
            subjects:
            \(subjects)
            ---

            """
    }

    static let alice = "- {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}"
}
