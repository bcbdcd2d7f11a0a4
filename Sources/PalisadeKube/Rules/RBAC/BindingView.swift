import PalisadeFormats

/// A RoleBinding or ClusterRoleBinding: which role it grants and to whom.
struct BindingView: Sendable {
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
        (object.kind == "RoleBinding" || object.kind == "ClusterRoleBinding")
            && object.apiVersion.hasPrefix(RoleView.apiVersionPrefix)
    }

    init?(_ object: KubeObject) {
        guard Self.isBinding(object) else { return nil }
        kind = object.kind
        name = object.name
        namespace = object.namespace
        let ref = object.root["roleRef"]
        roleRefNode = ref
        roleKind = ref?["kind"]?.string ?? ""
        roleName = ref?["name"]?.string ?? ""
        var subjects: [Subject] = []
        for node in object.root["subjects"]?.list ?? [] where node.isMapping {
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
