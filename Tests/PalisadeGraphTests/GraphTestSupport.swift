import PalisadeCore
import PalisadeFormats
import PalisadeKube

@testable import PalisadeGraph

/// Small manifests for the graph tests, and questions about the graphs built from them.
enum GraphFixture {
    static func objects(_ yaml: String) -> [KubeObject] {
        var loaded = KubeObjectLoader.Loaded()
        KubeObjectLoader().load(SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)), into: &loaded)
        return loaded.objects
    }

    static func build(
        _ docs: [String], builtIn: Bool = false, defaultNamespace: String = "default", from: [String] = []
    ) -> AttackGraphBuilder.Result {
        AttackGraphBuilder(
            objects: objects(docs.joined(separator: "\n---\n")),
            options: .init(builtInRoles: builtIn, defaultNamespace: defaultNamespace, assumeCompromised: from)
        ).build()
    }

    static func indent(_ text: String, _ spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }

    /// A Deployment whose pods carry `app: NAME`, run as `sa`, and listen on 8080.
    static func deployment(
        _ name: String, ns: String = "shop", sa: String = "web", podSpec: String = "", container: String = "",
        hostPort: Int? = nil
    ) -> String {
        let host = hostPort.map { "\n          hostPort: \($0)" } ?? ""
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: \(ns)
            spec:
              selector:
                matchLabels:
                  app: \(name)
              template:
                metadata:
                  labels:
                    app: \(name)
                spec:
                  serviceAccountName: \(sa)
            \(indent(podSpec, 6))
                  containers:
                  - name: app
                    image: nginx:1.25
                    ports:
                    - containerPort: 8080\(host)
            \(indent(container, 8))
            """
    }

    static func service(_ name: String, ns: String = "shop", type: String = "LoadBalancer", app: String? = nil)
        -> String
    {
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: \(name)
          namespace: \(ns)
        spec:
          type: \(type)
          selector:
            app: \(app ?? name)
          ports:
          - port: 80
            targetPort: 8080
        """
    }

    /// A Role (with `ns`) or ClusterRole (without) with the given rules, bound to `sa` of `saNamespace`
    /// by a RoleBinding in `bindIn` or, when `nil`, a ClusterRoleBinding.
    static func grant(
        _ roleName: String, rules: String, roleNamespace: String? = nil, bindIn: String? = "shop",
        sa: String = "web", saNamespace: String = "shop"
    ) -> String {
        let roleKind = roleNamespace == nil ? "ClusterRole" : "Role"
        let roleMeta = roleNamespace.map { "\n  namespace: \($0)" } ?? ""
        let bindingKind = bindIn == nil ? "ClusterRoleBinding" : "RoleBinding"
        let bindingMeta = bindIn.map { "\n  namespace: \($0)" } ?? ""
        return """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(roleKind)
            metadata:
              name: \(roleName)\(roleMeta)
            rules:
            \(rules)
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: \(bindingKind)
            metadata:
              name: \(roleName)-binding\(bindingMeta)
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: \(roleKind)
              name: \(roleName)
            subjects:
            - kind: ServiceAccount
              name: \(sa)
              namespace: \(saNamespace)
            """
    }

    static func rule(_ groups: String, _ resources: String, _ verbs: String, names: String? = nil) -> String {
        var text = "- apiGroups: [\(groups)]\n  resources: [\(resources)]\n  verbs: [\(verbs)]"
        if let names { text += "\n  resourceNames: [\(names)]" }
        return text
    }

    static let everything = rule("\"*\"", "\"*\"", "\"*\"")
}

extension AttackGraph {
    /// Whether an edge of `kind` joins the nodes with these ids.
    func hasEdge(_ from: String, _ to: String, _ kind: GraphEdgeKind) -> Bool {
        guard let a = index(of: from), let b = index(of: to) else { return false }
        return outgoing[a].contains { edges[$0].to == b && edges[$0].kind == kind }
    }

    func edge(_ from: String, _ to: String, _ kind: GraphEdgeKind) -> GraphEdge? {
        guard let a = index(of: from), let b = index(of: to) else { return nil }
        return outgoing[a].lazy.map { self.edges[$0] }.first { $0.to == b && $0.kind == kind }
    }

    func count(_ kind: GraphEdgeKind) -> Int { edges.lazy.filter { $0.kind == kind }.count }
}
