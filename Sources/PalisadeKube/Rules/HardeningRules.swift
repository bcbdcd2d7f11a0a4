/// Best-practice workload hardening beyond the Pod Security Standards (the checks kube-linter, Polaris,
/// kube-score and Checkov add): resources, images, service accounts, secrets, host mounts, capabilities,
/// probes and pod settings. Rule ids are `K8S-WL-*`.
public enum HardeningRules {
    public static let objectRules: [any ObjectRule] = [
        DefaultNamespace(), SingleReplica(), ServiceAccountAutomount(),
    ]

    public static let workloadRules: [any WorkloadRule] = [
        MissingResourceRule(.cpu, .requests), MissingResourceRule(.cpu, .limits),
        MissingResourceRule(.memory, .requests), MissingResourceRule(.memory, .limits),
        ImageWithoutTag(), ImageLatestTag(), ImageNotPinned(), ImageRegistryNotAllowed(), ImagePullPolicyNotAlways(),
        WritableRootFilesystem(),
        ServiceAccountTokenAutomount(), DefaultServiceAccount(),
        SecretEnvLiteral(), CredentialInEnv(), CredentialInArgs(), EnvFromSecret(),
        RuntimeSocketMount(), SensitiveHostPathMount(), WritableHostPathMount(),
        NetRawNotDropped(), SysAdminCapability(), DangerousCapability(),
        MissingProbe(.liveness), MissingProbe(.readiness),
        HostPortSet(), SSHPortExposed(), ShareProcessNamespace(), MissingPodSeccompProfile(), HostAliasesSet(),
        DNSPolicyDefault(),
        LowIDRule(.user), LowIDRule(.group), MissingContainerSecurityContext(),
    ]
}
