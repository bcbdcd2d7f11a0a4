import PalisadeCore

/// Categories, links and framework mappings shared by the Secret, ConfigMap and Namespace rules.
enum ObjectHygieneReferences {
    static let secretsCategory = "Secrets and configuration"
    static let namespacesCategory = "Namespaces"

    static let secretsGoodPractices = "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    static let secretTypes = "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"
    static let tlsSecrets = "https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets"
    static let registrySecrets = "https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets"
    static let tokenSecrets = "https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets"
    static let tokenRequest =
        "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/"
    static let projectedTokens = "https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken"
    static let configMaps = "https://kubernetes.io/docs/concepts/configuration/configmap/"
    static let encryptionAtRest = "https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/"
    static let podSecurityAdmission = "https://kubernetes.io/docs/concepts/security/pod-security-admission/"
    static let namespaceLabels =
        "https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/"
    static let podSecurityStandards = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"

    static let nsaSecrets = "Network separation and hardening: secrets"
    static let nsaPodSecurity = "Pod security: pod security enforcement"

    /// Credentials stored in a manifest: CIS 5.4.1 (secrets as files) and 5.4.2 (external secret storage).
    static let literalCredentialFrameworks = FrameworkMappings(
        cis: ["5.4.1", "5.4.2"], nsa: [nsaSecrets], mitre: ["T1552.001", "T1552.007"], nist: [.orchestrator])

    /// Namespaces without (or with a weak) Pod Security admission level: CIS 5.2.1 (active policy control).
    static let podSecurityFrameworks = FrameworkMappings(
        cis: ["5.2.1"], nsa: [nsaPodSecurity], mitre: ["T1610", "T1611"], nist: [.orchestrator])

    static func isSecret(_ object: KubeObject) -> Bool { object.kind == "Secret" && object.apiVersion == "v1" }
    static func isConfigMap(_ object: KubeObject) -> Bool { object.kind == "ConfigMap" && object.apiVersion == "v1" }
    static func isNamespace(_ object: KubeObject) -> Bool { object.kind == "Namespace" && object.apiVersion == "v1" }
}
