import PalisadeCore
import PalisadeKube

/// Who holds which role: subjects bound to roles (one role node per role and scope), and the
/// implicit groups of service accounts and users.
extension GraphAssembly {
    /// The role node of a binding: a ClusterRole granted cluster-wide, a ClusterRole granted in one
    /// namespace by a RoleBinding, or a Role.
    mutating func roleNode(_ role: RBACRole, binding: RBACBinding) -> Int {
        let id: String
        let label: String
        if role.isClusterRole, let ns = binding.namespace {
            id = GraphNodeID.clusterRole(role.name, in: ns)
            label = "ClusterRole \(role.name) in namespace \(ns)"
        } else if role.isClusterRole {
            id = GraphNodeID.clusterRole(role.name)
            label = "ClusterRole \(role.name)"
        } else {
            id = GraphNodeID.role(role.namespace ?? "", role.name)
            label = "Role \(role.namespace ?? "")/\(role.name)"
        }
        var location: Location?
        if case .manifest(let file, let line) = role.source {
            location = Location(file: file, line: line, column: 1, path: "")
        }
        return graph.addNode(
            GraphNode(
                id: id, kind: .role, label: label, namespace: role.isClusterRole ? binding.namespace : role.namespace,
                location: location))
    }

    @discardableResult
    mutating func subjectNode(_ subject: RBACSubject) -> Int? {
        switch subject.kind {
        case RBACSubject.serviceAccount:
            guard let ns = subject.namespace, !ns.isEmpty else { return nil }
            return serviceAccountNode(ns, subject.name)
        case RBACSubject.user: return userNode(subject.name)
        case RBACSubject.group: return groupNode(subject.name)
        default: return nil
        }
    }

    mutating func addIdentityEdges() {
        for ns in index.namespaces.sorted() {
            for account in index.accounts(in: ns) { serviceAccountNode(ns, account) }
        }
        var seenRoles: Set<Int> = []
        for binding in policy.allBindings {
            guard let role = policy.role(for: binding) else { continue }
            if binding.isClusterRoleBinding && !role.isClusterRole { continue }
            let roleNode = roleNode(role, binding: binding)
            if seenRoles.insert(roleNode).inserted {
                grantedRoles.append(GrantedRole(node: roleNode, role: role, namespace: binding.namespace))
            }
            var location: Location?
            if case .manifest(let file, let line) = binding.source {
                location = Location(file: file, line: line, column: 1, path: "subjects")
            }
            for (i, subject) in binding.resolvedSubjects.enumerated() {
                guard let node = subjectNode(subject) else { continue }
                location?.path = "subjects[\(i)]"
                graph.addEdge(
                    GraphEdge(
                        from: node, to: roleNode, kind: .boundToRole,
                        reason: "\(binding.label) grants \(role.label) to \(subject.label) (\(binding.scope))",
                        location: location))
            }
        }
        addGroupMemberships()
    }

    /// Service accounts are in `system:serviceaccounts`, `system:serviceaccounts:NS` and
    /// `system:authenticated`; users in `system:authenticated`. Only groups some binding names.
    private mutating func addGroupMemberships() {
        let accountNodes = graph.nodes.indices.filter { graph.nodes[$0].kind == .serviceAccount }
        for node in accountNodes {
            guard let ns = graph.nodes[node].namespace else { continue }
            for group in ["system:serviceaccounts", "system:serviceaccounts:\(ns)", "system:authenticated"]
            where boundGroups.contains(group) {
                graph.addEdge(
                    GraphEdge(
                        from: node, to: groupNode(group), kind: .memberOfGroup,
                        reason: "every service account of namespace \(ns) is in group \(group)"))
            }
        }
        if boundGroups.contains("system:authenticated") {
            let users = graph.nodes.indices.filter {
                graph.nodes[$0].kind == .user && graph.nodes[$0].id != GraphNodeID.user("system:anonymous")
            }
            for node in users {
                graph.addEdge(
                    GraphEdge(
                        from: node, to: groupNode("system:authenticated"), kind: .memberOfGroup,
                        reason: "every authenticated user is in group system:authenticated"))
            }
        }
    }
}
