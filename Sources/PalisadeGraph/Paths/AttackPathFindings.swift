import PalisadeCore

/// Attack paths as findings: one per path, the chain spelled out in the message, located at the
/// entry workload's manifest, mapped to the MITRE techniques of its edges.
public enum AttackPathFindings {
    static let category = "Attack paths"
    static let docs = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"

    public static let clusterAdmin = RuleMetadata(
        id: "PATH-CLUSTER-ADMIN", title: "Internet-exposed workload has a path to cluster-admin", severity: .critical,
        category: category,
        why:
            "Each step of the chain is something the manifests allow: whoever compromises the exposed workload "
            + "can follow it to full control of the cluster.",
        remediation:
            "Break the chain at its cheapest link: a NetworkPolicy in front of the workload, "
            + "automountServiceAccountToken: false, a narrower role, or no privileged/hostPath container.",
        references: [docs])

    public static let kubeSystemSecrets = RuleMetadata(
        id: "PATH-KUBE-SYSTEM-SECRETS", title: "Internet-exposed workload has a path to kube-system Secrets",
        severity: .critical, category: category,
        why:
            "kube-system's Secrets hold controller tokens, bootstrap tokens and cloud credentials; reading them is "
            + "as good as cluster-admin.",
        remediation:
            "Break the chain: no secret read on kube-system, no token mounted where the workload does not call "
            + "the API, NetworkPolicies between the exposed workload and the next hop.",
        references: [docs])

    public static let nodeRoot = RuleMetadata(
        id: "PATH-NODE-ROOT", title: "Internet-exposed workload has a path to root on a node", severity: .high,
        category: category,
        why:
            "Root on a node gives every pod, Secret and kubelet credential on it, and often the cloud instance's "
            + "identity.",
        remediation:
            "Remove the escape (privileged, hostPID, sensitive hostPath, runtime socket, SYS_ADMIN/SYS_MODULE) "
            + "or enforce Pod Security baseline in the namespace.",
        references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"])

    /// Every rule `palisade paths` reports: the three path rules and the `GRAPH-*` input issues.
    public static var rules: [RuleMetadata] { [clusterAdmin, kubeSystemSecrets, nodeRoot] + GraphIssueRules.all }

    public static func rule(for jewel: CrownJewel) -> RuleMetadata {
        switch jewel {
        case .clusterAdmin: clusterAdmin
        case .kubeSystemSecrets: kubeSystemSecrets
        case .nodeRoot: nodeRoot
        }
    }

    /// `internet -[EXPOSED_BY_INGRESS T1190]-> Ingress shop/web -[...]-> cluster-admin equivalent`.
    public static func chain(_ path: AttackPath, in graph: AttackGraph) -> String {
        guard let first = path.edges.first else { return "" }
        var text = graph.nodes[graph.edges[first].from].label
        for e in path.edges {
            let edge = graph.edges[e]
            text += " -[\(edge.kind.rawValue) \(edge.kind.mitre.id)]-> " + graph.nodes[edge.to].label
        }
        return text
    }

    /// The distinct MITRE technique ids of the path's edges, in walking order.
    public static func techniques(_ path: AttackPath, in graph: AttackGraph) -> [String] {
        var out: [String] = []
        for e in path.edges {
            let id = graph.edges[e].kind.mitre.id
            if !out.contains(id) { out.append(id) }
        }
        return out
    }

    /// The node a finding is about: the first workload on the path (the exposed door), else its start.
    public static func entry(_ path: AttackPath, in graph: AttackGraph) -> Int? {
        let nodes = path.nodes(in: graph)
        return nodes.first { graph.nodes[$0].kind == .workload } ?? nodes.first
    }

    /// One finding per path, in the paths' order (most severe, shortest first).
    public static func findings(_ paths: [AttackPath], in graph: AttackGraph) -> [Finding] {
        paths.map { path in
            let rule = rule(for: path.jewel)
            let entryNode = entry(path, in: graph).map { graph.nodes[$0] }
            let location =
                entryNode?.location ?? path.edges.lazy.compactMap { graph.edges[$0].location }.first
                ?? Location(file: "", line: 0, column: 0, path: "")
            var finding = Finding(
                rule: rule,
                message: "\(path.length)-step path: " + chain(path, in: graph), object: entryNode?.object,
                location: location)
            finding.frameworks.mitre = techniques(path, in: graph)
            return finding
        }
    }
}
