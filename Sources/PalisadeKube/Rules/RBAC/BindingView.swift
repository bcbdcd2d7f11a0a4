import PalisadeFormats

/// A RoleBinding or ClusterRoleBinding: which role it grants and to whom. Parsed once per object
/// (`KubeObject.bindingView`) and shared by every binding rule, hence a class.
final class BindingView: Sendable {
    struct Subject: Sendable {
        let node: YAMLNode
        let kind: String
        let name: String
        let namespace: String?

        /// `Group "ops"`, `ServiceAccount "ci/deployer"`.
        var label: String {
            if kind == "ServiceAccount", let namespace { return "ServiceAccount \"\(namespace)/\(name)\"" }
            return "\(kind) \"\(name)\""
        }
    }

    let kind: String
    let name: String
    let namespace: String?
    let roleRefNode: YAMLNode?
    let roleKind: String
    let roleName: String
    let subjects: [Subject]

    var isClusterRoleBinding: Bool { kind == "ClusterRoleBinding" }

    static func isBinding(_ object: KubeObject) -> Bool {
        isBinding(kind: object.kind, apiVersion: object.apiVersion)
    }

    static func isBinding(kind: String, apiVersion: String) -> Bool {
        (kind == "RoleBinding" || kind == "ClusterRoleBinding") && apiVersion.hasPrefix(RoleView.apiVersionPrefix)
    }

    /// Rules should use the object's cached `bindingView` rather than parse again.
    convenience init?(_ object: KubeObject) {
        guard Self.isBinding(object) else { return nil }
        self.init(kind: object.kind, name: object.name, namespace: object.namespace, root: object.root)
    }

    init(kind: String, name: String, namespace: String?, root: YAMLNode) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        let ref = root["roleRef"]
        roleRefNode = ref
        roleKind = ref?["kind"]?.string ?? ""
        roleName = ref?["name"]?.string ?? ""
        var subjects: [Subject] = []
        for node in root["subjects"]?.list ?? [] where node.isMapping {
            guard let kind = node["kind"]?.string, let name = node["name"]?.string else { continue }
            subjects.append(Subject(node: node, kind: kind, name: name, namespace: node["namespace"]?.string))
        }
        self.subjects = subjects
    }

    /// `ClusterRoleBinding "admins"`.
    var label: String { "\(kind) \"\(name)\"" }

    /// `ClusterRole "cluster-admin"`.
    var roleLabel: String { "\(roleKind) \"\(roleName)\"" }

    /// Where the binding grants its role, as a message suffix.
    var scope: String {
        if isClusterRoleBinding { return " cluster-wide" }
        return namespace.map { " in namespace \"\($0)\"" } ?? " in its namespace"
    }

    /// The node a finding about the role reference points at.
    var roleNode: YAMLNode? { roleRefNode?["name"] ?? roleRefNode }

    /// Whether `subject` is the given user or group (User/Group kinds only).
    static func isPrincipal(_ subject: Subject, kind: String, name: String) -> Bool {
        subject.kind == kind && subject.name == name
    }
}
