/// Every Role, ClusterRole, RoleBinding and ClusterRoleBinding of a set of manifests (plus the
/// Kubernetes bootstrap policy unless left out), resolved the way an API server would hold them:
/// duplicates replaced by the last definition, aggregated ClusterRoles filled in, and bindings
/// to roles that exist nowhere reported. The authorizer and all queries read from this.
public struct RBACPolicy: Sendable {
    public private(set) var clusterRoles: [String: RBACRole] = [:]
    /// Roles by `namespace/name`.
    public private(set) var roles: [String: RBACRole] = [:]
    public private(set) var clusterRoleBindings: [RBACBinding] = []
    /// RoleBindings by namespace.
    public private(set) var roleBindings: [String: [RBACBinding]] = [:]
    public private(set) var issues: [RBACIssue] = []

    private var bindingIndex: [String: (cluster: Bool, namespace: String, index: Int)] = [:]

    /// - Parameters:
    ///   - builtInRoles: include the Kubernetes bootstrap roles and bindings (`--no-builtin-roles` turns off).
    ///   - defaultNamespace: where a Role or RoleBinding without `metadata.namespace` lives, as
    ///     `kubectl apply -n` would put it.
    ///   - k8sVersion: the release whose bootstrap policy is added (`--k8s-version`).
    public init(
        objects: [KubeObject], builtInRoles: Bool = true, defaultNamespace: String = "default",
        k8sVersion: BootstrapPolicy.Version = .latest
    ) {
        var unnamespaced: [RBACSource] = []
        let builtIns = builtInRoles ? BootstrapPolicy.objects(k8sVersion) : []
        let all = builtIns.map { ($0, true) } + objects.map { ($0, false) }
        for (object, builtIn) in all {
            let source: RBACSource = builtIn ? .builtIn : .manifest(file: object.file, line: object.mark.line)
            if let view = object.roleView {
                var namespace: String?
                if !view.isClusterRole {
                    if object.namespace == nil { unnamespaced.append(source) }
                    namespace = object.namespace ?? defaultNamespace
                }
                add(role: Self.role(object, view, namespace: namespace, source: source))
            } else if let view = object.bindingView {
                var namespace: String?
                if !view.isClusterRoleBinding {
                    if object.namespace == nil { unnamespaced.append(source) }
                    namespace = object.namespace ?? defaultNamespace
                }
                add(binding: Self.binding(view, namespace: namespace, source: source))
            }
        }
        if let first = unnamespaced.first {
            issues.append(
                RBACIssue(
                    .note,
                    "\(unnamespaced.count) Role/RoleBinding object(s) have no metadata.namespace; read as namespace "
                        + "\"\(defaultNamespace)\" (--default-namespace changes this)", at: first))
        }
        aggregate()
        checkReferences()
    }

    // MARK: Lookups

    /// The role a binding refers to: a Role in the RoleBinding's namespace, or a ClusterRole.
    public func role(for binding: RBACBinding) -> RBACRole? {
        switch binding.roleKind {
        case "ClusterRole": return clusterRoles[binding.roleName]
        case "Role":
            guard !binding.isClusterRoleBinding, let ns = binding.namespace else { return nil }
            return roles[ns + "/" + binding.roleName]
        default: return nil
        }
    }

    /// All bindings, ClusterRoleBindings first, then RoleBindings by namespace.
    public var allBindings: [RBACBinding] {
        clusterRoleBindings + roleBindings.keys.sorted().flatMap { roleBindings[$0] ?? [] }
    }

    /// The bindings that can grant a request in `namespace`: every ClusterRoleBinding, and the
    /// RoleBindings of that namespace (none for a cluster-wide request), in the authorizer's order.
    public func bindings(applyingIn namespace: String?) -> [RBACBinding] {
        guard let namespace else { return clusterRoleBindings }
        return clusterRoleBindings + (roleBindings[namespace] ?? [])
    }

    // MARK: Building

    private static func role(_ object: KubeObject, _ view: RoleView, namespace: String?, source: RBACSource) -> RBACRole
    {
        var aggregation: [LabelSelector]?
        if view.isClusterRole, let rule = object.root["aggregationRule"], !rule.isNull {
            aggregation = (rule["clusterRoleSelectors"]?.list ?? []).map { LabelSelector.parse($0).selector }
        }
        return RBACRole(
            isClusterRole: view.isClusterRole, name: view.name, namespace: namespace, labels: object.labels,
            rules: view.rules.map { RBACRule($0, definedIn: view.name) }, aggregation: aggregation, source: source)
    }

    private static func binding(_ view: BindingView, namespace: String?, source: RBACSource) -> RBACBinding {
        RBACBinding(
            isClusterRoleBinding: view.isClusterRoleBinding, name: view.name, namespace: namespace,
            roleKind: view.roleKind, roleName: view.roleName,
            subjects: view.subjects.map { RBACSubject(kind: $0.kind, name: $0.name, namespace: $0.namespace) },
            source: source)
    }

    private mutating func add(role: RBACRole) {
        let previous: RBACRole?
        if role.isClusterRole {
            previous = clusterRoles.updateValue(role, forKey: role.name)
        } else {
            previous = roles.updateValue(role, forKey: (role.namespace ?? "") + "/" + role.name)
        }
        if let previous { noteReplaced(role.label, previous: previous.source, by: role.source) }
    }

    private mutating func add(binding: RBACBinding) {
        let key = binding.label
        if let found = bindingIndex[key] {
            let previous: RBACBinding
            if found.cluster {
                previous = clusterRoleBindings[found.index]
                clusterRoleBindings[found.index] = binding
            } else {
                previous = roleBindings[found.namespace]![found.index]
                roleBindings[found.namespace]![found.index] = binding
            }
            noteReplaced(key, previous: previous.source, by: binding.source)
            return
        }
        if binding.isClusterRoleBinding {
            bindingIndex[key] = (true, "", clusterRoleBindings.count)
            clusterRoleBindings.append(binding)
        } else {
            let ns = binding.namespace ?? ""
            bindingIndex[key] = (false, ns, roleBindings[ns, default: []].count)
            roleBindings[ns, default: []].append(binding)
        }
    }

    private mutating func noteReplaced(_ label: String, previous: RBACSource, by source: RBACSource) {
        if previous.isBuiltIn {
            issues.append(RBACIssue(.note, "\(label) replaces the built-in Kubernetes definition", at: source))
        } else {
            issues.append(
                RBACIssue(.warning, "duplicate \(label) (also at \(previous)); the last definition wins", at: source))
        }
    }

    /// The ClusterRole aggregation controller, run to a fixed point: each aggregated ClusterRole's
    /// rules become the rules of the ClusterRoles its selectors match (by name order, without
    /// itself, equal rules once). Repeating until nothing changes makes aggregation of aggregated
    /// roles (`view` into `edit` into `admin`) complete; a cycle stops changing too.
    private mutating func aggregate() {
        let aggregated = clusterRoles.values.filter { $0.aggregation != nil }.map(\.name).sorted()
        if aggregated.isEmpty { return }
        for name in aggregated {
            for selector in clusterRoles[name]?.aggregation ?? [] {
                if let reason = selector.invalidReason, let role = clusterRoles[name] {
                    issues.append(
                        RBACIssue(
                            .warning, "\(role.label) aggregationRule: \(reason); the selector matches nothing",
                            at: role.source))
                }
            }
        }
        let sortedNames = clusterRoles.keys.sorted()
        var changed = true
        var rounds = 0
        while changed && rounds <= clusterRoles.count {
            changed = false
            rounds += 1
            for name in aggregated {
                guard let role = clusterRoles[name], let selectors = role.aggregation else { continue }
                var rules: [RBACRule] = []
                var seen = Set<RBACRule.Content>()
                for selector in selectors {
                    for other in sortedNames where other != name {
                        guard let source = clusterRoles[other], selector.matches(source.labels) else { continue }
                        for rule in source.rules where seen.insert(rule.content).inserted { rules.append(rule) }
                    }
                }
                if rules != role.rules {
                    clusterRoles[name]?.rules = rules
                    changed = true
                }
            }
        }
    }

    /// Bindings whose role exists nowhere, and role references the API server would reject.
    private mutating func checkReferences() {
        for binding in allBindings {
            if binding.roleKind != "Role" && binding.roleKind != "ClusterRole" {
                issues.append(
                    RBACIssue(
                        .warning,
                        "\(binding.label) roleRef.kind \"\(binding.roleKind)\" is neither Role nor ClusterRole; "
                            + "it grants nothing", at: binding.source))
            } else if binding.isClusterRoleBinding && binding.roleKind == "Role" {
                issues.append(
                    RBACIssue(
                        .warning,
                        "\(binding.label) refers to Role \"\(binding.roleName)\"; a ClusterRoleBinding can only "
                            + "refer to a ClusterRole, so it grants nothing", at: binding.source))
            } else if role(for: binding) == nil {
                let location = binding.roleKind == "Role" ? " in namespace \"\(binding.namespace ?? "")\"" : ""
                issues.append(
                    RBACIssue(
                        .warning,
                        "\(binding.label) refers to \(binding.roleKind) \"\(binding.roleName)\"\(location), "
                            + "which neither the manifests nor Kubernetes define; it grants nothing until it exists",
                        at: binding.source))
            }
            if binding.isClusterRoleBinding {
                for s in binding.subjects where s.kind == RBACSubject.serviceAccount && (s.namespace ?? "").isEmpty {
                    issues.append(
                        RBACIssue(
                            .warning,
                            "\(binding.label) subject ServiceAccount \"\(s.name)\" has no namespace; "
                                + "it matches no service account", at: binding.source))
                }
            }
        }
    }
}
