import PalisadeCore
import PalisadeFormats

/// Workloads and NetworkPolicies grouped by namespace (absent namespace = `default`), in a stable
/// order, so the isolation rules report the same object whatever order files were scanned in.
struct NamespaceNetworkView: Sendable {
    struct Namespace: Sendable {
        var name: String
        var workloads: [ObjectSummary] = []
        var policies: [NetworkPolicySummary] = []
    }

    let namespaces: [Namespace]

    init(_ objects: [ObjectSummary]) {
        var byName: [String: Namespace] = [:]
        for o in objects {
            let ns = o.reference.namespace ?? "default"
            if let policy = o.networkPolicy {
                byName[ns, default: Namespace(name: ns)].policies.append(policy)
            } else if o.isWorkload, o.reference.kind != "PodTemplate" {
                byName[ns, default: Namespace(name: ns)].workloads.append(o)
            }
        }
        namespaces = byName.values.filter { !$0.workloads.isEmpty }.map { ns in
            var ns = ns
            ns.workloads.sort { ($0.file, $0.mark) < ($1.file, $1.mark) }
            return ns
        }.sorted { $0.name < $1.name }
    }

    /// `Deployment/web, Pod/debug, StatefulSet/db and 4 more`.
    static func names(_ workloads: [ObjectSummary], limit: Int = 3) -> String {
        let shown = workloads.prefix(limit).map { "\($0.reference.kind)/\($0.reference.name)" }
        let more = workloads.count > limit ? " and \(workloads.count - limit) more" : ""
        return shown.joined(separator: ", ") + more
    }

    static func violation(_ message: String, at workload: ObjectSummary) -> CrossObjectViolation {
        CrossObjectViolation(
            message: message, object: workload.reference, file: workload.file, mark: workload.mark, path: "")
    }
}

/// Namespaces whose workloads no ingress NetworkPolicy selects: every pod of the cluster can reach them.
struct NamespaceWithoutIngressIsolation: CrossObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-NO-INGRESS-POLICY",
        title: "Workloads not isolated by any ingress NetworkPolicy",
        severity: .medium,
        category: ExposureReferences.category,
        why:
            "Pods that no NetworkPolicy selects accept connections from every pod in every namespace. One "
            + "compromised workload can then reach databases, admin endpoints and internal APIs across the "
            + "cluster (lateral movement).",
        remediation: """
            Add a default-deny ingress policy to the namespace, then allow the flows each workload needs:
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: default-deny-ingress
                namespace: <namespace>
              spec:
                podSelector: {}
                policyTypes: [Ingress]
            """,
        frameworks: FrameworkMappings(
            cis: ["5.3.2"], nsa: [ExposureReferences.nsaNetwork, "Network policies: default deny"], mitre: ["T1021"]),
        references: [ExposureReferences.networkPolicies + "#default-deny-all-ingress-traffic"])

    /// Only workloads and NetworkPolicies matter here.
    func wants(_ object: KubeObject, isWorkload: Bool) -> Bool { isWorkload || object.kind == "NetworkPolicy" }

    func evaluate(_ objects: [ObjectSummary], context: RuleContext) -> [CrossObjectViolation] {
        var out: [CrossObjectViolation] = []
        for ns in NamespaceNetworkView(objects).namespaces {
            let ingress = ns.policies.filter(\.coversIngress)
            let open = ns.workloads.filter { w in
                let labels = w.podLabels ?? [:]
                return !ingress.contains { $0.selects(labels) }
            }
            guard let first = open.first else { continue }
            let count = open.count == 1 ? "1 workload" : "\(open.count) workloads"
            out.append(
                NamespaceNetworkView.violation(
                    "namespace \"\(ns.name)\" has \(count) that no ingress NetworkPolicy selects "
                        + "(\(NamespaceNetworkView.names(open))): no default deny, any pod can connect", at: first))
        }
        return out
    }
}

/// Namespaces with workloads and no egress policy: pods may reach anything, the Internet included.
struct NamespaceWithoutEgressPolicy: CrossObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-NO-EGRESS-POLICY",
        title: "Namespace has no egress NetworkPolicy",
        severity: .low,
        category: ExposureReferences.category,
        why:
            "Without an egress policy, a compromised pod can reach the cloud metadata service, the API server, "
            + "other namespaces and the Internet: exfiltration and command-and-control go unhindered.",
        remediation: """
            Add a default-deny egress policy that still allows DNS, then allow the destinations each workload needs:
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: default-deny-egress
                namespace: <namespace>
              spec:
                podSelector: {}
                policyTypes: [Egress]
                egress:
                - to:
                  - namespaceSelector: {}
                    podSelector: {matchLabels: {k8s-app: kube-dns}}
                  ports:
                  - {protocol: UDP, port: 53}
                  - {protocol: TCP, port: 53}
            """,
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1041", "T1552.005"]),
        references: [ExposureReferences.networkPolicies + "#default-deny-all-egress-traffic"])

    /// Only workloads and NetworkPolicies matter here.
    func wants(_ object: KubeObject, isWorkload: Bool) -> Bool { isWorkload || object.kind == "NetworkPolicy" }

    func evaluate(_ objects: [ObjectSummary], context: RuleContext) -> [CrossObjectViolation] {
        var out: [CrossObjectViolation] = []
        for ns in NamespaceNetworkView(objects).namespaces where !ns.policies.contains(where: \.coversEgress) {
            guard let first = ns.workloads.first else { continue }
            let count = ns.workloads.count == 1 ? "1 workload" : "\(ns.workloads.count) workloads"
            out.append(
                NamespaceNetworkView.violation(
                    "namespace \"\(ns.name)\" runs \(count) (\(NamespaceNetworkView.names(ns.workloads))) and no "
                        + "NetworkPolicy restricts egress", at: first))
        }
        return out
    }
}
