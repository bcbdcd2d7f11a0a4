import PalisadeCore

/// The rules `palisade seccomp check` grades a profile by. The Kubernetes rules that read
/// `Localhost` profiles (`K8S-SECCOMP-*`) reuse these findings through `ProfileGrader`.
public enum SeccompRules {
    static let docs = "https://docs.docker.com/engine/security/seccomp/"
    static let frameworks = FrameworkMappings(nsa: ["Pod security: seccomp"], mitre: ["T1611"], nist: [.container])

    public static let defaultAllow = RuleMetadata(
        id: "SECCOMP-DEFAULT-ALLOW", title: "Profile allows every syscall it does not name", severity: .high,
        category: "Seccomp",
        why: "A profile whose defaultAction is SCMP_ACT_ALLOW is a deny-list: every syscall it forgot, and every "
            + "syscall a newer kernel adds, stays open, including the ones container escapes use.",
        remediation: "Set defaultAction to SCMP_ACT_ERRNO and list the syscalls the workload needs "
            + "(palisade seccomp record -- CMD generates that list).",
        frameworks: frameworks, references: [docs])

    public static let defaultLog = RuleMetadata(
        id: "SECCOMP-DEFAULT-LOG", title: "Profile only logs syscalls outside its allow-list", severity: .medium,
        category: "Seccomp",
        why: "SCMP_ACT_LOG lets every syscall run and only records it: useful for a trial period, but it blocks "
            + "nothing.",
        remediation: "After the trial, check the kernel log for logged syscalls, add the legitimate ones and set "
            + "defaultAction to SCMP_ACT_ERRNO.",
        frameworks: frameworks, references: [docs])

    public static let dangerousSyscall = RuleMetadata(
        id: "SECCOMP-DANGEROUS-SYSCALL", title: "Profile allows a dangerous syscall the runtime default denies",
        severity: .high, category: "Seccomp",
        why: "The container runtime default profile denies these syscalls (or allows them only with a capability, "
            + "an argument condition or a new enough kernel) because container escapes and kernel exploits use them.",
        remediation: "Remove the syscall from the allow-list unless the workload needs it; if it does, restrict it "
            + "with argument conditions and give the container only the capability it needs.",
        frameworks: frameworks, references: [docs])

    public static let widenedArguments = RuleMetadata(
        id: "SECCOMP-ARGS-WIDENED", title: "Profile drops the runtime default's argument conditions",
        severity: .medium, category: "Seccomp",
        why: "The runtime default allows this syscall only with safe arguments (clone without namespace flags, "
            + "personality without ADDR_NO_RANDOMIZE, socket without AF_VSOCK); allowing every argument re-opens "
            + "what the condition closed.",
        remediation: "Copy the runtime default's args conditions for this syscall into the profile's rule.",
        frameworks: frameworks, references: [docs])

    public static let beyondDefault = RuleMetadata(
        id: "SECCOMP-BEYOND-DEFAULT", title: "Profile allows syscalls the runtime default denies", severity: .low,
        category: "Seccomp",
        why: "Each syscall the runtime default denies and this profile allows is kernel surface the default would "
            + "have kept closed.",
        remediation: "Check that the workload really needs these syscalls; remove the others.",
        frameworks: frameworks, references: [docs])

    public static let unknownSyscall = RuleMetadata(
        id: "SECCOMP-UNKNOWN-SYSCALL", title: "Profile names a syscall no supported architecture has",
        severity: .low, category: "Seccomp",
        why: "Runtimes skip names they cannot resolve, so a typo silently leaves the intended syscall to the "
            + "default action.",
        remediation: "Fix the name (see the syscall tables in `man 2 syscalls`) or remove it.",
        frameworks: frameworks, references: [docs])

    public static let unsupportedAction = RuleMetadata(
        id: "SECCOMP-UNSUPPORTED-ACTION", title: "Profile uses an action the runtime cannot load", severity: .medium,
        category: "Seccomp",
        why: "runc and crun refuse a profile with an unknown action (or SCMP_ACT_NOTIFY without a listenerPath): "
            + "the container does not start.",
        remediation: "Use one of SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_LOG, SCMP_ACT_KILL_PROCESS, "
            + "SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE.",
        frameworks: frameworks, references: [docs])

    public static let unknownArchitecture = RuleMetadata(
        id: "SECCOMP-UNKNOWN-ARCHITECTURE", title: "Profile names an unknown architecture", severity: .medium,
        category: "Seccomp",
        why: "runc refuses a profile whose architectures it cannot resolve: the container does not start.",
        remediation: "Use SCMP_ARCH_* names such as SCMP_ARCH_X86_64, SCMP_ARCH_X86, SCMP_ARCH_AARCH64.",
        frameworks: frameworks, references: [docs])

    public static let missingRuntimeMinimum = RuleMetadata(
        id: "SECCOMP-MISSING-RUNTIME-MINIMUM", title: "Allow-list lacks syscalls the container runtime needs",
        severity: .medium, category: "Seccomp",
        why: "runc makes these syscalls in the container process after loading the filter and before the "
            + "workload starts; without them the container fails to start with 'operation not permitted'.",
        remediation: "Add the missing syscalls (palisade seccomp generate adds them to every profile).",
        frameworks: frameworks, references: [docs])

    public static let all: [RuleMetadata] = [
        defaultAllow, defaultLog, dangerousSyscall, widenedArguments, beyondDefault, unknownSyscall,
        unsupportedAction, unknownArchitecture, missingRuntimeMinimum,
    ]
}
