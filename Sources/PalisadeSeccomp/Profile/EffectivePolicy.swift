/// What a profile does to each syscall on one architecture, for a container with a given set of
/// capabilities — the view `check`, `diff` and the Kubernetes rules reason about. It follows
/// Docker's reading of a profile: a rule counts only when its `includes` hold and its `excludes`
/// do not (capabilities, architecture, kernel), and a syscall no rule names gets `defaultAction`.
public struct EffectivePolicy: Sendable {
    /// The capabilities a Docker/containerd container gets by default; rules gated by others don't apply.
    public static let defaultCapabilities: Set<String> = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ]

    /// How one syscall fares.
    public enum Verdict: Sendable, Equatable {
        /// Runs whatever its arguments (ALLOW or LOG).
        case allowed
        /// Runs only when argument conditions hold; other calls get `otherwise`.
        case allowedWithArguments(otherwise: SeccompAction)
        /// Refused by an explicit rule or by the default action.
        case denied(SeccompAction)

        public var letsSomeCalls: Bool {
            if case .denied = self { return false }
            return true
        }
    }

    public let architecture: SeccompArchitecture
    public let capabilities: Set<String>
    public let defaultAction: SeccompAction
    /// Whether the filter covers `architecture` at all (a profile that names architectures but not
    /// this one makes the runtime kill every syscall from it).
    public let coversArchitecture: Bool
    private var verdicts: [String: Verdict]
    /// The index in `profile.syscalls` of the rule behind each named syscall's verdict.
    public private(set) var ruleIndex: [String: Int]

    /// - Parameter kernel: the kernel the container runs on; `nil` reads the profile for every kernel,
    ///   so rules Docker enables only from a `minKernel` on (ptrace from 4.8) do not count.
    public init(
        profile: SeccompProfile, architecture: SeccompArchitecture,
        capabilities: Set<String> = EffectivePolicy.defaultCapabilities, kernel: KernelVersion? = nil
    ) {
        self.architecture = architecture
        self.capabilities = capabilities
        self.defaultAction = profile.defaultAction
        let arches = profile.allArchitectures
        self.coversArchitecture = arches.isEmpty || arches.contains(architecture.rawValue)
        // An unknown kernel (no numbers) reaches no `minKernel`: such rules count only when it is given.
        let host = SeccompHost(
            architecture: architecture, capabilities: capabilities, kernel: kernel.map { [$0.major, $0.minor] } ?? [])
        var unconditional: [String: (SeccompAction, Int)] = [:]
        var conditional: [String: Int] = [:]
        for (index, rule) in profile.syscalls.enumerated() where host.admits(rule) {
            for name in rule.names {
                if rule.args.isEmpty {
                    // The first unconditional rule for a name decides (libseccomp refuses conflicting ones).
                    if unconditional[name] == nil { unconditional[name] = (rule.action, index) }
                } else if rule.action.lets, conditional[name] == nil {
                    conditional[name] = index
                }
            }
        }
        var verdicts: [String: Verdict] = [:]
        var ruleIndex: [String: Int] = [:]
        for (name, (action, index)) in unconditional {
            verdicts[name] = action.lets ? .allowed : .denied(action)
            ruleIndex[name] = index
        }
        for (name, index) in conditional where verdicts[name] == nil || verdicts[name]?.letsSomeCalls == false {
            let otherwise: SeccompAction
            if case .denied(let action)? = verdicts[name] {
                otherwise = action
            } else {
                otherwise = profile.defaultAction
            }
            if profile.defaultAction.lets && verdicts[name] == nil {
                verdicts[name] = .allowed
            } else {
                verdicts[name] = .allowedWithArguments(otherwise: otherwise)
            }
            ruleIndex[name] = index
        }
        self.verdicts = verdicts
        self.ruleIndex = ruleIndex
    }

    /// The verdict for `name`; names no applicable rule mentions get the default action.
    public func verdict(for name: String) -> Verdict {
        guard coversArchitecture else { return .denied(.killProcess) }
        if let v = verdicts[name] { return v }
        return defaultAction.lets ? .allowed : .denied(defaultAction)
    }

    /// Names some applicable rule mentions.
    public var mentionedNames: Set<String> { Set(verdicts.keys) }
}

/// A kernel version as `minKernel` and `uname -r` spell it (`4.8`, `6.18.44-fc-v782`).
public struct KernelVersion: Sendable, Hashable, Comparable {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public init?(_ text: String) {
        let parts = SeccompHost.kernelVersion(text)
        guard parts.count >= 2 else { return nil }
        self.init(major: parts[0], minor: parts[1])
    }

    public static func < (a: KernelVersion, b: KernelVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
