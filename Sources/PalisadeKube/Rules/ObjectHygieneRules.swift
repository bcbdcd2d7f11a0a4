/// Rules on Secrets, ConfigMaps and Namespaces: credentials written into manifests (`K8S-SECRET-*`,
/// `K8S-CONFIGMAP-*`) and Pod Security admission labels of namespaces (`K8S-NS-*`). The rules live in
/// `Rules/Objects/`, one file per family.
public enum ObjectHygieneRules {
    public static let all: [any ObjectRule] = [
        SecretLiteralData(), SecretTLSPrivateKey(), SecretRegistryCredentials(), ServiceAccountTokenSecret(),
        ConfigMapCredential(),
        NamespaceWithoutPodSecurity(), NamespacePrivilegedPodSecurity(), NamespaceInvalidPodSecurity(),
    ]
}
