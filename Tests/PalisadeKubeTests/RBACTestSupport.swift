import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Scans YAML text with only the given rules enabled (shared by the RBAC and exposure tests).
enum RBACTestSupport {
    static func scan(_ yaml: String, rules: [String]) -> [Finding] {
        let buffer = SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8))
        let scanner = KubeScanner(options: KubeScanOptions(selection: RuleSelection(include: rules), parallelism: 1))
        return scanner.scan(buffer: buffer).findings
    }

    static func clusterRole(_ rules: String, name: String = "ops") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: \(name)
        rules:
        \(rules)
        """
    }

    static func role(_ rules: String, name: String = "dev", namespace: String = "team") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: \(name)
          namespace: \(namespace)
        rules:
        \(rules)
        """
    }

    static func binding(
        kind: String = "ClusterRoleBinding", roleKind: String = "ClusterRole", role: String, subjects: String,
        namespace: String? = nil
    ) -> String {
        let ns = namespace.map { "\n  namespace: \($0)" } ?? ""
        return """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(kind)
            metadata:
              name: b\(ns)
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: \(roleKind)
              name: \(role)
            subjects:
            \(subjects)
            """
    }
}
