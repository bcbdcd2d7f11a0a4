import PalisadeFormats

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
        /// Never allow an observed syscall more widely than the container runtime default does:
        /// where it allows a syscall only with argument conditions (`clone` without namespace flags,
        /// `personality`, `socket` families) the profile copies them, and where it answers ENOSYS
        /// (`clone3`, so glibc falls back to `clone`) so does the profile. Off (`--exact`): every
        /// recorded syscall is allowed as it was called.
        public var followRuntimeDefault = true

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
        /// Observed syscalls allowed only under the runtime default's argument conditions.
        public var conditioned: [String] = []
        /// Observed syscalls answered with the runtime default's errno instead (clone3: ENOSYS).
        public var answeredLikeRuntimeDefault: [String] = []
        /// Observed syscalls the runtime default denies: the profile allows them because the workload
        /// made them, and `check` will report the dangerous ones.
        public var beyondRuntimeDefault: [String] = []
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
        var extra: [SyscallRule] = []
        var conditioned: [String] = []
        var answered: [String] = []
        var beyond: [String] = []
        if options.followRuntimeDefault {
            (extra, conditioned, answered, beyond) = runtimeDefaultRules(for: &names)
        }
        if !names.isEmpty {
            profile.syscalls = [SyscallRule(names: names.sorted(), action: .allow)]
        }
        profile.syscalls += extra
        return Result(
            profile: profile, unknownNames: unknown.sorted(), unnamedSyscalls: unnamed.sorted(),
            addedForRuntime: added.sorted(), conditioned: conditioned, answeredLikeRuntimeDefault: answered,
            beyondRuntimeDefault: beyond)
    }

    /// Moves observed names the runtime default restricts out of the plain allow-list and returns
    /// the runtime default's own rules for them.
    private func runtimeDefaultRules(
        for names: inout Set<String>
    ) -> (rules: [SyscallRule], conditioned: [String], answered: [String], beyond: [String]) {
        let base = RuntimeDefaultProfile.profile
        let policy = EffectivePolicy(profile: base, architecture: options.host)
        let defaultContainer = SeccompHost(
            architecture: options.host, capabilities: EffectivePolicy.defaultCapabilities, kernel: [])
        var conditioned = Set<String>()
        var answered: [String] = []
        var beyond: [String] = []
        for name in names.sorted() {
            switch policy.verdict(for: name) {
            case .allowed:
                continue
            case .allowedWithArguments:
                conditioned.insert(name)
            case .denied:
                // An explicit errno answer the callers are built to handle (clone3 -> ENOSYS).
                if let index = policy.ruleIndex[name], base.syscalls[index].errnoRet != nil {
                    answered.append(name)
                    // glibc falls back to clone, which must then be open (with its conditions).
                    if name == "clone3", policy.verdict(for: "clone") != .allowed { conditioned.insert("clone") }
                } else if SyscallTable.isKnown(name) {
                    beyond.append(name)
                }
            }
        }
        var rules: [SyscallRule] = []
        var byRule: [Int: [String]] = [:]
        for name in conditioned {
            names.remove(name)
            for (index, rule) in base.syscalls.enumerated()
            where !rule.args.isEmpty && rule.action.lets && rule.names.contains(name)
                && defaultContainer.admits(rule)
            {
                byRule[index, default: []].append(name)
            }
        }
        for index in byRule.keys.sorted() {
            var rule = base.syscalls[index]
            rule.names = byRule[index]!.sorted()
            rule.nameMarks = []
            rule.mark = SourceMark(line: 0, column: 0)
            rule.includes = Self.withoutCapabilities(rule.includes)
            rule.excludes = Self.withoutCapabilities(rule.excludes)
            rule.comment = nil
            rules.append(rule)
        }
        for name in answered {
            names.remove(name)
            let source = base.syscalls[policy.ruleIndex[name]!]
            rules.append(SyscallRule(names: [name], action: source.action, errnoRet: source.errnoRet))
        }
        return (rules, conditioned.sorted(), answered, beyond)
    }

    /// Capability filters are evaluated for a default container when copying; architecture and
    /// kernel filters stay, so a multi-architecture profile keeps per-architecture conditions.
    private static func withoutCapabilities(_ filter: RuleFilter?) -> RuleFilter? {
        guard var filter else { return nil }
        filter.caps = []
        return filter.isEmpty ? nil : filter
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
