import PalisadeCore

/// The `NETPOL-*` rules: what `palisade netpol findings` reports about the reachability model.
public enum NetworkFindingRules {
    static let category = "Network reachability"
    static let docs = "https://kubernetes.io/docs/concepts/services-networking/network-policies/"

    public static let reachableFromAnywhere = RuleMetadata(
        id: "NETPOL-REACHABLE-FROM-ANYWHERE",
        title: "Workload reachable from every pod or from the internet",
        severity: .medium, category: category,
        why:
            "A workload that admits connections from every pod in every namespace, or from internet addresses, "
            + "is one hop away from any compromised pod or external attacker (lateral movement, initial access).",
        remediation:
            "Select the workload with an ingress NetworkPolicy that lists only the pods, namespaces and address "
            + "blocks that need it, on the ports they need.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1021", "T1190"]),
        references: [docs])

    public static let egressToInternet = RuleMetadata(
        id: "NETPOL-EGRESS-INTERNET",
        title: "Workload may open connections to the internet",
        severity: .low, category: category,
        why:
            "Unrestricted egress lets a compromised workload download tools and send data out "
            + "(command and control, exfiltration).",
        remediation:
            "Select the workload with an egress NetworkPolicy that allows only the in-cluster peers and external "
            + "address blocks it needs (and DNS).",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1041"]),
        references: [docs])

    public static let noDefaultDeny = RuleMetadata(
        id: "NETPOL-NO-DEFAULT-DENY",
        title: "Namespace without a default-deny NetworkPolicy",
        severity: .medium, category: category,
        why:
            "Without a policy selecting every pod of the namespace (podSelector: {}), each new workload starts "
            + "fully open until someone writes a policy for it.",
        remediation: """
            Add a default-deny policy to the namespace, then allow the flows each workload needs:
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: default-deny
                namespace: <namespace>
              spec:
                podSelector: {}
                policyTypes: [Ingress, Egress]
            """,
        frameworks: FrameworkMappings(cis: ["5.3.2"], nsa: [ExposureReferences.nsaNetwork], mitre: ["T1021"]),
        references: [docs + "#default-policies"])

    public static let selectsNothing = RuleMetadata(
        id: "NETPOL-SELECTS-NOTHING",
        title: "NetworkPolicy selects no pod",
        severity: .low, category: category,
        why:
            "A policy whose podSelector matches no workload in its namespace protects nothing; usually a label "
            + "typo or a policy left behind, and the workload it was meant for is open.",
        remediation: "Fix spec.podSelector to the labels of the pod template it is meant for, or delete the policy.",
        references: [docs])

    public static let invalid = RuleMetadata(
        id: "NETPOL-INVALID",
        title: "NetworkPolicy the API server would reject",
        severity: .high, category: category,
        why:
            "An invalid CIDR, selector operator, port or peer makes the API server reject the whole policy, so "
            + "none of the isolation it was written for exists.",
        remediation: "Fix the field named in the message (kubectl apply --dry-run=server shows the same error).",
        references: [docs])

    public static let all = [reachableFromAnywhere, egressToInternet, noDefaultDeny, selectsNothing, invalid]
}
