import PalisadeCore
import PalisadeKube

/// What each role lets its holders reach, evaluated once per role and scope with the RBAC
/// engine's rule matching (`RBACRule.allows`), as `RBACEscalations` checks them per subject.
extension GraphAssembly {
    /// Workload kinds, the resource that creates or changes them, and its API group.
    static let workloadResources: [(kind: String, group: String, resource: String)] = [
        ("Pod", "", "pods"), ("ReplicationController", "", "replicationcontrollers"),
        ("Deployment", "apps", "deployments"), ("DaemonSet", "apps", "daemonsets"),
        ("StatefulSet", "apps", "statefulsets"), ("ReplicaSet", "apps", "replicasets"),
        ("Job", "batch", "jobs"), ("CronJob", "batch", "cronjobs"),
        ("DeploymentConfig", "apps.openshift.io", "deploymentconfigs"), ("Rollout", "argoproj.io", "rollouts"),
    ]

    /// One role in one scope, with what the edge reasons and locations need.
    struct RoleScope {
        let granted: GrantedRole
        /// Namespaces the role grants in: the RoleBinding's, or every known one.
        let namespaces: [String]
        var cluster: Bool { granted.namespace == nil }
        var scopeText: String { granted.namespace.map { "in namespace \($0)" } ?? "cluster-wide" }

        /// The first rule allowing the request (namespace set per scope by the caller's meaning).
        func rule(_ verb: String, _ group: String, _ resource: String, _ sub: String = "", name: String = "")
            -> RBACRule?
        {
            let request = RBACRequest(verb: verb, group: group, resource: resource, subresource: sub, name: name)
            return granted.role.rules.first { $0.allows(request) }
        }

        /// Names a rule restricted by `resourceNames` allows for the verb.
        func names(_ verb: String, _ group: String, _ resource: String, _ sub: String = "") -> [(String, RBACRule)] {
            let combined = sub.isEmpty ? resource : resource + "/" + sub
            var out: [(String, RBACRule)] = []
            for rule in granted.role.rules where !rule.resourceNames.isEmpty {
                guard rule.verbMatches(verb), rule.groupMatches(group),
                    rule.resourceMatches(combined, subresource: sub)
                else { continue }
                for name in rule.resourceNames { out.append((name, rule)) }
            }
            return out
        }

        func reason(_ rule: RBACRule, _ what: String) -> String {
            "\(granted.role.label(of: rule)) allows \(rule.summary) \(scopeText): \(what)"
        }

        func location(_ rule: RBACRule) -> Location? {
            guard case .manifest(let file, _) = granted.role.source, let line = rule.line else { return nil }
            return Location(file: file, line: line, column: 1, path: "rules[\(rule.index)]")
        }
    }

    mutating func addRoleEdges() {
        let allNamespaces = index.namespaces.sorted()
        for granted in grantedRoles {
            let scope = RoleScope(granted: granted, namespaces: granted.namespace.map { [$0] } ?? allNamespaces)
            addRoleEdges(scope)
        }
        addTokenSecretEdges()
    }

    private mutating func edge(
        _ scope: RoleScope, to target: Int, _ kind: GraphEdgeKind, _ rule: RBACRule, _ what: String
    ) {
        graph.addEdge(
            GraphEdge(
                from: scope.granted.node, to: target, kind: kind, reason: scope.reason(rule, what),
                location: scope.location(rule)))
    }

    private mutating func addRoleEdges(_ scope: RoleScope) {
        var everything = false
        if scope.cluster,
            let rule = scope.granted.role.rules.first(where: {
                $0.verbs.contains("*") && $0.apiGroups.contains("*") && $0.resources.contains("*")
            })
        {
            everything = true
            edge(scope, to: clusterAdminNode, .grantsEverything, rule, "every verb on every resource")
        }
        addSecretReads(scope)
        addPodCreation(scope, fanOut: !everything)
        if !everything {
            addWorkloadChanges(scope)
            addTokenAndImpersonation(scope)
        }
        addBindAndEscalate(scope)
        if scope.cluster { addClusterOnly(scope) }
    }

    private mutating func addSecretReads(_ scope: RoleScope) {
        if let rule = scope.rule("get", "", "secrets") ?? scope.rule("list", "", "secrets")
            ?? scope.rule("watch", "", "secrets")
        {
            for ns in scope.namespaces {
                edge(scope, to: namespaceSecretsNode(ns), .readSecrets, rule, "read every Secret of namespace \(ns)")
            }
            return
        }
        for (name, rule) in scope.names("get", "", "secrets") {
            let namespaces =
                scope.cluster ? index.secrets.filter { $0.name == name }.map(\.namespace) : scope.namespaces
            for ns in namespaces {
                edge(scope, to: secretNode(ns, name), .readSecrets, rule, "read Secret \(ns)/\(name)")
            }
        }
    }

    /// Creating pods (directly or through a workload, or rewriting a controller's template) runs
    /// them as any service account of the namespace, mounts any of its Secrets, and, where Pod Security is not enforced, is root on a node.
    private mutating func addPodCreation(_ scope: RoleScope, fanOut: Bool) {
        var found: RBACRule?
        // As RBAC-ESC-WORKLOAD-CREATE: create on any workload kind, or patch/update of a controller
        // (its template's serviceAccountName can be changed; a Pod's cannot).
        search: for entry in Self.workloadResources where entry.kind != "DeploymentConfig" && entry.kind != "Rollout" {
            let verbs =
                entry.kind == "Pod" || entry.kind == "ReplicationController"
                ? ["create"] : ["create", "patch", "update"]
            for verb in verbs {
                if let rule = scope.rule(verb, entry.group, entry.resource) {
                    found = rule
                    break search
                }
            }
        }
        guard let rule = found else { return }
        var privileged = false
        if scope.cluster && fanOut {
            let hub = clusterScopeNode(.createPod)
            edge(scope, to: hub, .createPodAs, rule, "create a pod in any namespace that runs as any ServiceAccount")
        }
        for ns in scope.namespaces {
            if !index.enforcesPodSecurity(ns) { privileged = true }
            guard fanOut, !scope.cluster else { continue }
            for account in index.accounts(in: ns) {
                edge(
                    scope, to: serviceAccountNode(ns, account), .createPodAs, rule,
                    "create a pod in \(ns) that runs as ServiceAccount \(ns)/\(account)")
            }
            edge(
                scope, to: namespaceSecretsNode(ns), .createPodAs, rule,
                "create a pod in \(ns) that mounts any Secret of the namespace")
        }
        if privileged {
            let which = scope.cluster ? "a namespace without Pod Security enforcement" : scope.namespaces[0]
            edge(
                scope, to: hostNode(nil), .createPrivilegedPod, rule,
                "create a privileged pod in \(which) (no pod-security.kubernetes.io/enforce baseline or restricted)")
        }
    }

    private mutating func addWorkloadChanges(_ scope: RoleScope) {
        if index.workloads.isEmpty { return }
        var modify: [String: RBACRule] = [:]
        for entry in Self.workloadResources {
            if let rule = scope.rule("patch", entry.group, entry.resource)
                ?? scope.rule("update", entry.group, entry.resource)
            {
                modify[entry.kind] = rule
            }
        }
        let exec =
            scope.rule("create", "", "pods", "exec") ?? scope.rule("create", "", "pods", "attach")
            ?? scope.rule("patch", "", "pods", "ephemeralcontainers")
            ?? scope.rule("update", "", "pods", "ephemeralcontainers")
        if modify.isEmpty && exec == nil { return }
        if scope.cluster {
            for (kind, rule) in modify.sorted(by: { $0.key < $1.key }) {
                let hub = clusterScopeNode(.modify(kind))
                edge(scope, to: hub, .modifyWorkload, rule, "change the pod template or image of \(kind)s")
            }
            if let exec {
                let hub = clusterScopeNode(.exec)
                edge(scope, to: hub, .execIntoPod, exec, "run commands in the pods")
            }
            return
        }
        // Namespaced from here on: a cluster-wide scope went to the hubs above.
        let workloads = scope.granted.namespace.map { index.workloadsByNamespace[$0] ?? [] } ?? []
        var reasons: [String: String] = [:]
        for w in workloads {
            let workload = index.workloads[w]
            let kind = workload.object.kind
            if let rule = modify[kind] {
                let reason = reasons["m" + kind] ?? scope.reason(rule, "change the pod template or image of \(kind)s")
                reasons["m" + kind] = reason
                graph.addEdge(
                    GraphEdge(
                        from: scope.granted.node, to: workloadNodes[w], kind: .modifyWorkload, reason: reason,
                        location: scope.location(rule)))
            }
            if let exec {
                let reason = reasons["exec"] ?? scope.reason(exec, "run commands in the pods")
                reasons["exec"] = reason
                graph.addEdge(
                    GraphEdge(
                        from: scope.granted.node, to: workloadNodes[w], kind: .execIntoPod, reason: reason,
                        location: scope.location(exec)))
            }
        }
    }

    private mutating func addTokenAndImpersonation(_ scope: RoleScope) {
        if let rule = scope.rule("create", "", "serviceaccounts", "token"), scope.cluster {
            let hub = clusterScopeNode(.token)
            edge(scope, to: hub, .createToken, rule, "mint a token for any ServiceAccount")
        } else if let rule = scope.rule("create", "", "serviceaccounts", "token") {
            for ns in scope.namespaces {
                for account in index.accounts(in: ns) {
                    edge(
                        scope, to: serviceAccountNode(ns, account), .createToken, rule,
                        "mint a token for ServiceAccount \(ns)/\(account)")
                }
            }
        } else {
            for (name, rule) in scope.names("create", "", "serviceaccounts", "token") {
                for ns in scope.namespaces where index.accountsByNamespace[ns]?.contains(name) == true || !scope.cluster
                {
                    edge(
                        scope, to: serviceAccountNode(ns, name), .createToken, rule,
                        "mint a token for ServiceAccount \(ns)/\(name)")
                }
            }
        }
        if let rule = scope.rule("impersonate", "", "serviceaccounts"), scope.cluster {
            let hub = clusterScopeNode(.impersonate)
            edge(scope, to: hub, .impersonate, rule, "act as any ServiceAccount")
        } else if let rule = scope.rule("impersonate", "", "serviceaccounts") {
            for ns in scope.namespaces {
                for account in index.accounts(in: ns) {
                    edge(
                        scope, to: serviceAccountNode(ns, account), .impersonate, rule,
                        "act as ServiceAccount \(ns)/\(account)")
                }
            }
        } else {
            for (name, rule) in scope.names("impersonate", "", "serviceaccounts") {
                for ns in scope.namespaces where index.accountsByNamespace[ns]?.contains(name) == true || !scope.cluster
                {
                    edge(
                        scope, to: serviceAccountNode(ns, name), .impersonate, rule,
                        "act as ServiceAccount \(ns)/\(name)")
                }
            }
        }
        guard scope.cluster else { return }
        for (resource, what) in [("users", "user"), ("groups", "group")] {
            if let rule = scope.rule("impersonate", "", resource) {
                edge(
                    scope, to: clusterAdminNode, .impersonate, rule,
                    "act as any \(what), e.g. \(what == "group" ? "group system:masters" : "a cluster administrator")")
                continue
            }
            for (name, rule) in scope.names("impersonate", "", resource) {
                let target: Int
                if what == "group" {
                    target = name == "system:masters" ? clusterAdminNode : groupNode(name)
                } else {
                    target = userNode(name)
                }
                edge(scope, to: target, .impersonate, rule, "act as \(what) \(name)")
            }
        }
    }

    /// bind/escalate cluster-wide is cluster-admin. In one namespace it is that namespace's admin
    /// (bind ClusterRole admin there): every service account and Secret of the namespace.
    private mutating func addBindAndEscalate(_ scope: RoleScope) {
        var found: RBACRule?
        for verb in ["bind", "escalate"] {
            for resource in ["clusterroles", "roles"] {
                if found == nil { found = scope.rule(verb, "rbac.authorization.k8s.io", resource) }
            }
        }
        guard let rule = found else { return }
        if scope.cluster {
            edge(scope, to: clusterAdminNode, .bindOrEscalateRole, rule, "grant itself any permission cluster-wide")
            return
        }
        let ns = scope.namespaces[0]
        edge(
            scope, to: namespaceSecretsNode(ns), .bindOrEscalateRole, rule,
            "grant itself admin in \(ns), which reads its Secrets")
        for account in index.accounts(in: ns) {
            edge(
                scope, to: serviceAccountNode(ns, account), .bindOrEscalateRole, rule,
                "grant itself admin in \(ns), which runs pods as ServiceAccount \(ns)/\(account)")
        }
    }

    private mutating func addClusterOnly(_ scope: RoleScope) {
        if let rule = scope.rule("get", "", "nodes", "proxy") ?? scope.rule("create", "", "nodes", "proxy") {
            edge(scope, to: hostNode(nil), .nodeProxy, rule, "run commands in any pod through the kubelet API")
            if !index.nodeNames.isEmpty {
                edge(
                    scope, to: clusterScopeNode(.nodeProxy), .nodeProxy, rule,
                    "run commands in any pod of every node through the kubelet API")
            }
        }
        if let rule = scope.rule("create", "certificates.k8s.io", "certificatesigningrequests"),
            scope.rule("update", "certificates.k8s.io", "certificatesigningrequests", "approval") != nil,
            scope.rule("approve", "certificates.k8s.io", "signers", name: "kubernetes.io/kube-apiserver-client")
                != nil
        {
            edge(
                scope, to: clusterAdminNode, .approveCSR, rule,
                "issue and approve a client certificate for group system:masters")
        }
        for verb in ["create", "update", "patch"] {
            if let rule = scope.rule(verb, "admissionregistration.k8s.io", "mutatingwebhookconfigurations") {
                edge(
                    scope, to: clusterAdminNode, .writeAdmissionWebhook, rule,
                    "install a mutating webhook that rewrites every pod and binding")
                break
            }
        }
        if let rule = scope.rule("create", "", "persistentvolumes") {
            edge(scope, to: hostNode(nil), .createHostPathVolume, rule, "create a hostPath PersistentVolume of /")
        }
    }

    /// The cluster-wide fan-out hubs (see `GraphNodeKind.clusterScope`).
    enum ClusterScope {
        case createPod, exec, token, impersonate, nodeProxy
        case modify(String)

        var isCreatePod: Bool {
            if case .createPod = self { return true }
            return false
        }
    }

    /// A cluster-wide fan-out hub, made with its member edges when the first role reaches it.
    private mutating func clusterScopeNode(_ scope: ClusterScope) -> Int {
        let (what, label, kind): (String, String, GraphEdgeKind) =
            switch scope {
            case .createPod: ("create-pod", "a pod in any namespace, as any ServiceAccount", .createPodAs)
            case .exec: ("exec", "every pod of the cluster", .execIntoPod)
            case .token: ("token", "every ServiceAccount of the cluster (token)", .createToken)
            case .impersonate: ("impersonate", "every ServiceAccount of the cluster (impersonation)", .impersonate)
            case .nodeProxy: ("node-proxy", "the kubelet API of every node", .nodeProxy)
            case .modify(let workloadKind):
                ("modify/\(workloadKind)", "every \(workloadKind) of the cluster", .modifyWorkload)
            }
        let id = GraphNodeID.clusterScope(what)
        if let existing = graph.index(of: id) { return existing }
        let hub = graph.addNode(GraphNode(id: id, kind: .clusterScope, label: label))
        func link(_ to: Int, _ reason: String) {
            graph.addEdge(GraphEdge(from: hub, to: to, kind: kind, reason: reason))
        }
        let namespaces = index.namespaces.sorted()
        switch scope {
        case .createPod, .token, .impersonate:
            for ns in namespaces {
                for account in index.accounts(in: ns) {
                    let target = serviceAccountNode(ns, account)
                    link(
                        target,
                        scope.isCreatePod
                            ? "a pod created in \(ns) can run as ServiceAccount \(ns)/\(account)"
                            : "ServiceAccount \(ns)/\(account)")
                }
                if scope.isCreatePod {
                    let target = namespaceSecretsNode(ns)
                    link(target, "a pod created in \(ns) can mount any Secret of the namespace")
                }
            }
        case .exec:
            for w in index.workloads.indices { link(workloadNodes[w], "a workload of the cluster") }
        case .nodeProxy:
            for name in index.nodeNames.sorted() { link(hostNode(name), "Node \(name)'s kubelet") }
        case .modify(let workloadKind):
            for w in index.workloads.indices where index.workloads[w].object.kind == workloadKind {
                link(workloadNodes[w], "a \(workloadKind) of the cluster")
            }
        }
        return hub
    }

    /// Token Secrets hold their service account: reading the Secret (or all of its namespace's) is
    /// acting as the account.
    private mutating func addTokenSecretEdges() {
        for secret in index.secrets {
            guard let account = secret.tokenOf else { continue }
            let target = serviceAccountNode(secret.namespace, account)
            let reason =
                "Secret \(secret.namespace)/\(secret.name) has type \(ClusterIndex.tokenSecretType) for "
                + "ServiceAccount \(secret.namespace)/\(account)"
            let location = Self.location(of: secret.object)
            graph.addEdge(
                GraphEdge(
                    from: secretNode(secret.namespace, secret.name), to: target, kind: .secretHoldsToken,
                    reason: reason, location: location))
            graph.addEdge(
                GraphEdge(
                    from: namespaceSecretsNode(secret.namespace), to: target, kind: .secretHoldsToken,
                    reason: reason, location: location))
        }
    }
}
