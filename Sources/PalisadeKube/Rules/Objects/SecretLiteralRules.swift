import PalisadeCore
import PalisadeFormats

/// A Secret manifest with real values in `data` or `stringData`: the credentials live in source control.
/// Registry-credential Secrets and TLS Secrets with a private key have their own, higher-severity rules
/// (`K8S-SECRET-REGISTRY-CREDENTIALS`, `K8S-SECRET-TLS-PRIVATE-KEY`) and are not reported twice.
struct SecretLiteralData: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-SECRET-LITERAL-DATA", title: "Secret manifest holds literal values", severity: .medium,
        category: ObjectHygieneReferences.secretsCategory,
        why: "Secret values are only base64-encoded, not encrypted: a Secret manifest with data or stringData "
            + "puts the credentials into Git history, CI logs, chart packages and every clone of the repository, "
            + "where anyone with read access (or a leaked token) can decode them, and they outlive any rotation. "
            + "Empty values and obvious placeholders (changeme, <...>, ${...}, xxx) are not reported.",
        remediation: "Keep credentials out of the manifest: store them in an external secret store and sync them "
            + "with the External Secrets Operator or the Secrets Store CSI driver, or commit only encrypted "
            + "forms (Sealed Secrets, SOPS). Rotate every credential that was committed, and mount Secrets as "
            + "files rather than environment variables.",
        frameworks: ObjectHygieneReferences.literalCredentialFrameworks,
        references: [
            ObjectHygieneReferences.secretsGoodPractices, ObjectHygieneReferences.encryptionAtRest,
            "https://external-secrets.io/", "https://github.com/bitnami-labs/sealed-secrets",
            "https://github.com/getsops/sops",
        ])

    /// Key names listed in a message before the rest are only counted.
    static let listedKeys = 10

    /// Keys of a TLS Secret that hold public certificates, not secrets.
    static let publicTLSKeys: Set<String> = ["tls.crt", "ca.crt"]

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isSecret(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        let secret = SecretView(object)
        if secret.isRegistryCredentials { return [] }
        let isTLS = secret.type == SecretView.tlsType
        if isTLS, secret.entry("tls.key")?.isReal == true { return [] }
        var dataKeys: [String] = []
        var stringDataKeys: [String] = []
        for e in secret.entries where e.isReal {
            if isTLS && Self.publicTLSKeys.contains(e.key) { continue }
            switch e.section {
            case .data: dataKeys.append(e.key)
            case .stringData: stringDataKeys.append(e.key)
            }
        }
        let total = dataKeys.count + stringDataKeys.count
        guard total > 0, let node = dataKeys.isEmpty ? secret.stringDataNode : secret.dataNode else { return [] }
        var parts: [String] = []
        if !dataKeys.isEmpty { parts.append("data (\(Self.list(dataKeys)))") }
        if !stringDataKeys.isEmpty { parts.append("stringData (\(Self.list(stringDataKeys)))") }
        let noun = total == 1 ? "literal value" : "literal values"
        return [Violation("\(secret.label) holds \(total) \(noun) in \(parts.joined(separator: " and "))", at: node)]
    }

    static func list(_ keys: [String]) -> String {
        guard keys.count > listedKeys else { return keys.joined(separator: ", ") }
        return keys.prefix(listedKeys).joined(separator: ", ") + " and \(keys.count - listedKeys) more"
    }
}

/// A `kubernetes.io/tls` Secret whose `tls.key` is written into the manifest.
struct SecretTLSPrivateKey: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-SECRET-TLS-PRIVATE-KEY", title: "TLS Secret manifest holds a private key", severity: .high,
        category: ObjectHygieneReferences.secretsCategory,
        why: "Whoever reads the repository gets the certificate's private key: they can impersonate the service "
            + "(Ingress, webhook, API endpoint) and, without forward secrecy, decrypt recorded traffic until the "
            + "certificate expires or is revoked.",
        remediation: "Remove tls.key from the manifest and revoke and reissue the certificate. Issue certificates "
            + "in the cluster (cert-manager) or sync them from an external secret store; if the Secret must "
            + "live in Git, commit only an encrypted form (Sealed Secrets, SOPS).",
        frameworks: ObjectHygieneReferences.literalCredentialFrameworks,
        references: [
            ObjectHygieneReferences.tlsSecrets, ObjectHygieneReferences.secretsGoodPractices,
            "https://cert-manager.io/docs/",
        ])

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isSecret(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        let secret = SecretView(object)
        guard secret.type == SecretView.tlsType, let key = secret.entry("tls.key"), key.isReal else { return [] }
        return [
            Violation(
                "\(secret.label) holds a literal TLS private key in \(key.section.rawValue) (tls.key, redacted)",
                at: key.node)
        ]
    }
}

/// A `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg` Secret with credentials in the manifest.
struct SecretRegistryCredentials: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-SECRET-REGISTRY-CREDENTIALS", title: "Image pull Secret manifest holds registry credentials",
        severity: .high, category: ObjectHygieneReferences.secretsCategory,
        why: "A docker config Secret holds registry usernames with passwords or tokens, often with push rights "
            + "and shared by many teams. Committed to source control, it lets anyone with read access pull "
            + "private images (and the secrets baked into them) or push a poisoned image that clusters then run.",
        remediation: "Remove the credentials from the manifest and rotate them. Prefer node or workload identity "
            + "for registries (ECR, GCR/Artifact Registry and ACR credential providers), or sync pull Secrets "
            + "from an external secret store; use read-only, per-namespace pull tokens.",
        frameworks: FrameworkMappings(
            cis: ["5.4.1", "5.4.2"], nsa: [ObjectHygieneReferences.nsaSecrets],
            mitre: ["T1552.001", "T1552.007"], nist: [.orchestrator, .registry]),
        references: [
            ObjectHygieneReferences.registrySecrets,
            "https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/",
            "https://kubernetes.io/docs/tasks/administer-cluster/kubelet-credential-provider/",
        ])

    /// JSON keys that carry a registry credential in `.dockerconfigjson` / `.dockercfg` (quotes included).
    static let credentialKeys: [[UInt8]] = ["\"auth\"", "\"password\"", "\"identitytoken\"", "\"registrytoken\""]
        .map { Array($0.utf8) }

    func applies(to object: KubeObject) -> Bool { ObjectHygieneReferences.isSecret(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        let secret = SecretView(object)
        guard secret.isRegistryCredentials else { return [] }
        let key = secret.type == SecretView.dockerConfigJSONType ? ".dockerconfigjson" : ".dockercfg"
        guard let entry = secret.entry(key), entry.isReal else { return [] }
        let bytes = entry.bytes
        guard Self.credentialKeys.contains(where: { CredentialName.contains(bytes, $0) }) else { return [] }
        return [
            Violation(
                "\(secret.label) holds literal registry credentials in \(entry.section.rawValue) "
                    + "(\(key), redacted, \(bytes.count) bytes)",
                at: entry.node)
        ]
    }
}
