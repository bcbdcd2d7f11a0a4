/// The Pod Security Standards rules, one per check of Kubernetes' Pod Security admission, for every
/// policy version v1.0 … latest. Baseline rules first; Restricted rules only report what Baseline does
/// not, so a workload's level follows from which rules fire (see `KubeScanner`).
public enum PodSecurityRules {
    public static let all: [any WorkloadRule] = baseline + restricted

    static let baseline: [any WorkloadRule] = [
        HostProcess(), HostNamespaces(), PrivilegedContainers(), CapabilitiesBaseline(), HostPathVolumes(),
        HostPorts(), HostProbes(), AppArmor(), SELinux(), ProcMount(), SeccompBaseline(), Sysctls(),
    ]

    static let restricted: [any WorkloadRule] = [
        VolumeTypes(), PrivilegeEscalation(), RunAsNonRoot(), RunAsUser(), SeccompRestricted(),
        CapabilitiesRestricted(), ProcMountRestricted(),
    ]
}
