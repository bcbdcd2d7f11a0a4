/// Turns observed syscalls into an allow-list profile: everything the runs used, plus what the
/// container runtime needs to start the process, and nothing else.
public struct ProfileGenerator: Sendable {
    /// How the profile treats everything outside the allow-list.
    public struct Options: Sendable {
        /// `SCMP_ACT_LOG` instead of `SCMP_ACT_ERRNO`: nothing is refused, the kernel logs what would
        /// have been (audit log / `dmesg`) — a trial period before enforcing.
        public var logDenied = false
        /// The errno refused calls get (`defaultErrnoRet`); 1 = EPERM.
        public var errnoRet = 1
        /// Architectures asked for with `--arch`; each brings its companions (x86_64: x86, x32).
        /// Empty: the architectures the recording used.
        public var architectures: [SeccompArchitecture] = []
        /// Add `RuntimeMinimum.syscalls`.
        public var includeRuntimeMinimum = true
        /// The architecture the traces were recorded on.
        public var host: SeccompArchitecture = .native

        public init() {}
    }

    /// The profile and what the generator had to decide on its own.
    public struct Result: Sendable {
        public var profile: SeccompProfile
        /// Names the syscall table does not know (a newer kernel, or a typo in a log): kept in the
        /// profile, since runtimes skip names they cannot resolve.
        public var unknownNames: [String]
        /// `syscall_0x1b6`-style names strace prints for numbers it has no name for: a profile can only
        /// name syscalls, so these are left out and reported.
        public var unnamedSyscalls: [String]
        /// Runtime-minimum syscalls the runs did not use but the profile allows.
        public var addedForRuntime: [String]
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func generate(from observed: ObservedSyscalls) -> Result {
        var names = Set<String>()
        var unknown: [String] = []
        var unnamed: [String] = []
        for name in observed.usage.keys {
            if Self.isUnnamed(name) {
                unnamed.append(name)
                continue
            }
            if !SyscallTable.isKnown(name) { unknown.append(name) }
            names.insert(name)
        }
        var added: [String] = []
        if options.includeRuntimeMinimum {
            for name in RuntimeMinimum.syscalls where names.insert(name).inserted {
                added.append(name)
            }
        }
        var profile = SeccompProfile(
            defaultAction: options.logDenied ? .log : .errno,
            defaultErrnoRet: options.logDenied ? nil : options.errnoRet)
        profile.architectures = architectures(observed).map(\.rawValue)
        if !names.isEmpty {
            profile.syscalls = [SyscallRule(names: names.sorted(), action: .allow)]
        }
        return Result(
            profile: profile, unknownNames: unknown.sorted(), unnamedSyscalls: unnamed.sorted(),
            addedForRuntime: added.sorted())
    }

    private func architectures(_ observed: ObservedSyscalls) -> [SeccompArchitecture] {
        var out: [SeccompArchitecture] = []
        func add(_ arch: SeccompArchitecture) { if !out.contains(arch) { out.append(arch) } }
        if options.architectures.isEmpty {
            add(options.host)
        } else {
            for arch in options.architectures {
                add(arch)
                arch.companions.forEach(add)
            }
        }
        // A run that switched personality needs that ABI in the filter, or the runtime kills it.
        for arch in observed.architectures.sorted() { add(arch) }
        return out
    }

    /// `syscall_0x1b6`, `syscall_438`: strace's spelling for a number without a name.
    static func isUnnamed(_ name: String) -> Bool {
        guard name.hasPrefix("syscall_") else { return false }
        let rest = name.utf8.dropFirst(8)
        return !rest.isEmpty
            && rest.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x78 }
    }
}
