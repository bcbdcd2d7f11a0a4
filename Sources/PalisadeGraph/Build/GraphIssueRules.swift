import PalisadeCore
import PalisadeKube

/// `GRAPH-*` findings: input the graph could only partly use. Each names what was ignored, so a
/// missing path is never silently explained by a typo.
public enum GraphIssueRules {
    static let category = "Attack paths"
    static let docs = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"

    public static let unknownRole = RuleMetadata(
        id: "GRAPH-UNKNOWN-ROLE", title: "Binding refers to a role that neither the manifests nor Kubernetes define",
        severity: .low, category: category,
        why:
            "A binding to a missing role grants nothing today, but whoever later creates a role with that name "
            + "gives its permissions to the binding's subjects; the graph has no edge for it.",
        remediation: "Fix roleRef to an existing role, add the role to the manifests, or delete the binding.",
        references: [docs])

    public static let rbacIssue = RuleMetadata(
        id: "GRAPH-RBAC-ISSUE", title: "RBAC object the graph reads differently from what it says",
        severity: .low, category: category,
        why:
            "Duplicate roles or bindings (the last wins), invalid aggregation selectors and subjects that match "
            + "nobody change what the graph's RBAC edges are.",
        remediation: "Fix the object named in the message.", references: [docs])

    public static let invalidNetworkPolicy = RuleMetadata(
        id: "GRAPH-INVALID-NETWORKPOLICY",
        title: "NetworkPolicy part the API server would reject (read as matching nothing)",
        severity: .medium, category: category,
        why:
            "An invalid selector operator, CIDR, port or peer makes the API server reject the policy; the graph "
            + "reads that part as matching nothing, so the isolation it was meant to give is missing.",
        remediation: "Fix the field named in the message (kubectl apply --dry-run=server shows the same error).",
        references: ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"])

    public static let duplicateObject = RuleMetadata(
        id: "GRAPH-DUPLICATE-OBJECT", title: "Object defined more than once", severity: .low, category: category,
        why: "Two objects with the same kind, namespace and name: the API server keeps the last one applied.",
        remediation: "Keep one definition.")

    public static let all = [unknownRole, rbacIssue, invalidNetworkPolicy, duplicateObject]

    static func finding(_ rule: RuleMetadata, _ message: String, object: KubeObject) -> Finding {
        Finding(
            rule: rule, message: message, object: object.reference, location: GraphAssembly.location(of: object))
    }
}

extension GraphAssembly {
    /// Reuses what the engines already found: `RBACPolicy.issues` and each NetworkPolicy's problems.
    mutating func reportInputIssues() {
        for issue in policy.issues where issue.level == .warning {
            guard case .manifest(let file, let line) = issue.source else { continue }
            let rule =
                issue.message.contains("which neither the manifests nor Kubernetes define")
                ? GraphIssueRules.unknownRole : GraphIssueRules.rbacIssue
            issues.append(
                Finding(
                    rule: rule, message: issue.message, object: nil,
                    location: Location(file: file, line: line, column: 1, path: "")))
        }
        for spec in reachability.model.policies {
            for problem in spec.problems {
                issues.append(
                    Finding(
                        rule: GraphIssueRules.invalidNetworkPolicy,
                        message: "NetworkPolicy \(spec.namespace)/\(spec.name): \(problem.message)",
                        object: spec.object.reference, location: Self.location(of: problem.node, in: spec.object)))
            }
        }
    }
}
