import ArgumentParser
import PalisadeSeccomp

/// The profile formats `generate` and `record` write.
enum SeccompProfileFormat: String, ExpressibleByArgument, CaseIterable {
    /// Docker/OCI JSON (docker, podman, containerd, CRI-O, the kubelet's Localhost directory).
    case docker
    /// A Security Profiles Operator SeccompProfile object.
    case spo
    /// The pod securityContext for a Localhost profile.
    case snippet
}

/// How `generate` and `record` build and write a profile.
struct SeccompProfileOptions: ParsableArguments {
    @Option(help: "Profile format: docker (JSON), spo (Security Profiles Operator object) or snippet.")
    var format: SeccompProfileFormat = .docker

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write the profile to FILE (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    @Flag(help: "defaultAction SCMP_ACT_LOG instead of SCMP_ACT_ERRNO: log, don't refuse (a trial period).")
    var logDenied = false

    @Option(help: "The errno refused syscalls return (defaultErrnoRet); 1 is EPERM.")
    var errno: Int = 1

    @Option(
        help: ArgumentHelp(
            "Architecture the profile covers, with its companions (x86_64 adds x86 and x32; aarch64 adds arm). "
                + "Repeat for several. Default: the architectures the recording used.", valueName: "ARCH"))
    var arch: [String] = []

    @Option(help: ArgumentHelp("The architecture the strace logs were recorded on.", valueName: "ARCH"))
    var hostArch: String?

    @Flag(help: "Leave out the syscalls the container runtime needs to start the process (not recommended).")
    var noRuntimeMinimum = false

    @Flag(
        help: ArgumentHelp(
            "Allow every recorded syscall as called, even where the runtime default allows it only with argument "
                + "conditions (clone, personality, socket) or answers ENOSYS (clone3)."))
    var exact = false

    @Option(help: "Name of the profile: the SPO object's name and the Localhost file name (spo, snippet).")
    var name: String = "palisade-profile"

    @Option(help: "Namespace of the SPO object (spo).")
    var namespace: String?

    @Option(
        help: ArgumentHelp(
            "localhostProfile path in the snippet, relative to /var/lib/kubelet/seccomp (default: profiles/NAME.json).",
            valueName: "PATH"))
    var localhostProfile: String?

    @Option(
        help: ArgumentHelp(
            "Write the per-syscall report (runs that used each syscall, calls) to FILE; JSON when FILE ends in .json.",
            valueName: "FILE"))
    var report: String?

    func validate() throws {
        for name in arch + (hostArch.map { [$0] } ?? []) where SeccompArchitecture(name: name) == nil {
            throw ValidationError("unknown architecture '\(name)' (use x86_64, aarch64, x86, arm, …)")
        }
        guard (0...4095).contains(errno) else { throw ValidationError("--errno must be between 0 and 4095") }
    }

    func generatorOptions() -> ProfileGenerator.Options {
        var options = ProfileGenerator.Options()
        options.logDenied = logDenied
        options.errnoRet = errno
        options.architectures = arch.compactMap { SeccompArchitecture(name: $0) }
        options.includeRuntimeMinimum = !noRuntimeMinimum
        options.followRuntimeDefault = !exact
        options.host = hostArch.flatMap { SeccompArchitecture(name: $0) } ?? .native
        return options
    }
}
