import PalisadeCore
import PalisadeFormats

/// A Secret of type `kubernetes.io/service-account-token`: the control plane fills it with a token that never
/// expires.
struct ServiceAccountTokenSecret: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-SECRET-SA-TOKEN", title: "Long-lived service-account token Secret", severity: .medium,
        category: ObjectHygieneReferences.secretsCategory,
        why: "The token controller writes a non-expiring, non-audience-bound token for the ServiceAccount into "
            + "this Secret. Anyone who can read Secrets in the namespace, or finds the token in a log, backup or "
            + "CI variable, can call the API server as that ServiceAccount until the Secret is deleted; unlike "
            + "bound tokens it is not invalidated when a pod goes away.",
        remediation: "Delete the Secret and request short-lived tokens instead: projected serviceAccountToken "
            + "volumes for pods (the default since Kubernetes 1.22) and `kubectl create token` or the "
            + "TokenRequest API for clients outside the cluster. Only if a client truly cannot refresh tokens, "
            + "keep the Secret and restrict who can read it.",
        frameworks: FrameworkMappings(
            nsa: ["Pod security: protecting pod service account tokens"],
            mitre: ["T1528", "T1552.007"], nist: [.orchestrator]),
        references: [
            ObjectHygieneReferences.tokenSecrets, ObjectHygieneReferences.projectedTokens,
            ObjectHygieneReferences.tokenRequest,
        ])

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isSecret(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let node = object.root["type"], node.string == SecretView.serviceAccountTokenType else { return [] }
        let account = object.root["metadata"]?["annotations"]?["kubernetes.io/service-account.name"]?.string
        let owner = account.map { " for ServiceAccount \"\($0)\"" } ?? ""
        return [
            Violation(
                "Secret \"\(object.name)\" has type \(SecretView.serviceAccountTokenType): a non-expiring token\(owner)",
                at: node)
        ]
    }
}
