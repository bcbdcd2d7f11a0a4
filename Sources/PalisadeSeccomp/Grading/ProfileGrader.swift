import PalisadeCore
import PalisadeFormats

/// Grades a profile against a baseline — the container runtime default unless told otherwise —
/// for a container with the default capabilities: what it opens that the default keeps closed,
/// names and actions that do not load, and an allow-list the runtime cannot start under.
public struct ProfileGrader: Sendable {
    public var baseline: SeccompProfile
    /// The baseline's name in messages ("the Docker default").
    public var baselineName: String
    /// Architectures to read the profiles on; a syscall counts when it is open on any of them.
    public var architectures: [SeccompArchitecture]
    public var capabilities: Set<String>
    public var kernel: KernelVersion?

    public init(
        baseline: SeccompProfile = RuntimeDefaultProfile.profile, baselineName: String = "the Docker default",
        architectures: [SeccompArchitecture] = [.native],
        capabilities: Set<String> = EffectivePolicy.defaultCapabilities,
        kernel: KernelVersion? = nil
    ) {
        self.baseline = baseline
        self.baselineName = baselineName
        self.architectures = architectures
        self.capabilities = capabilities
        self.kernel = kernel
    }

    /// Findings for `profile`, read from `file` (used in locations); `object` names the Kubernetes
    /// object when a `Localhost` profile is graded for `palisade k8s`.
    public func grade(_ profile: SeccompProfile, file: String, object: ObjectReference? = nil) -> [Finding] {
        var findings: [Finding] = []
        func at(_ mark: SourceMark, _ path: String) -> Location {
            Location(file: file, line: max(mark.line, 1), column: max(mark.column, 1), path: path)
        }
        func add(_ rule: RuleMetadata, _ message: String, _ location: Location, evidence: String? = nil) {
            findings.append(
                Finding(rule: rule, message: message, object: object, location: location, evidence: evidence))
        }

        switch profile.defaultAction {
        case .allow:
            add(
                SeccompRules.defaultAllow,
                "defaultAction is SCMP_ACT_ALLOW: every syscall the profile does not name runs",
                at(profile.defaultActionMark, "defaultAction"))
        case .log:
            add(
                SeccompRules.defaultLog,
                "defaultAction is SCMP_ACT_LOG: syscalls outside the allow-list are logged, not refused",
                at(profile.defaultActionMark, "defaultAction"))
        default: break
        }
        if !profile.defaultAction.isKnown {
            add(
                SeccompRules.unsupportedAction,
                "defaultAction \(profile.defaultAction.rawValue) is not a seccomp action",
                at(profile.defaultActionMark, "defaultAction"))
        }
        for arch in profile.allArchitectures where SeccompArchitecture(rawValue: arch) == nil {
            add(
                SeccompRules.unknownArchitecture, "architecture \(arch) is not a SCMP_ARCH_* name runc knows",
                at(profile.defaultActionMark, "architectures"))
        }
        for (index, rule) in profile.syscalls.enumerated() {
            if !rule.action.isKnown {
                add(
                    SeccompRules.unsupportedAction,
                    "syscalls[\(index)] uses action \(rule.action.rawValue), which is not a seccomp action",
                    at(rule.mark, "syscalls[\(index)].action"))
            } else if rule.action == .notify && profile.listenerPath == nil {
                add(
                    SeccompRules.unsupportedAction,
                    "syscalls[\(index)] uses SCMP_ACT_NOTIFY but the profile has no listenerPath",
                    at(rule.mark, "syscalls[\(index)].action"))
            }
            for (n, name) in rule.names.enumerated() where !SyscallTable.isKnown(name) {
                let mark = n < rule.nameMarks.count ? rule.nameMarks[n] : rule.mark
                add(
                    SeccompRules.unknownSyscall,
                    "syscall name \"\(name)\" is not a syscall on any supported architecture",
                    at(mark, "syscalls[\(index)].names[\(n)]"))
            }
        }

        findings += openings(profile, object: object, at: at)

        if !profile.defaultAction.lets {
            let policies = architectures.map {
                EffectivePolicy(profile: profile, architecture: $0, capabilities: capabilities, kernel: kernel)
            }
            let missing = RuntimeMinimum.syscalls.filter { name in
                !policies.contains { $0.verdict(for: name).letsSomeCalls }
            }
            if !missing.isEmpty {
                add(
                    SeccompRules.missingRuntimeMinimum,
                    "allow-list lacks \(missing.count) syscall(s) runc needs to start the container: "
                        + missing.joined(separator: ", "), at(profile.defaultActionMark, "syscalls"))
            }
        }
        return findings
    }

    /// Syscalls the profile lets through that the baseline does not.
    private func openings(
        _ profile: SeccompProfile, object: ObjectReference?, at: (SourceMark, String) -> Location
    ) -> [Finding] {
        var findings: [Finding] = []
        var beyond: [String] = []
        var beyondMark: (SourceMark, String)?
        var reported = Set<String>()
        for arch in architectures {
            let mine = EffectivePolicy(profile: profile, architecture: arch, capabilities: capabilities, kernel: kernel)
            let base = EffectivePolicy(
                profile: baseline, architecture: arch, capabilities: capabilities, kernel: kernel)
            guard mine.coversArchitecture else { continue }
            var candidates = mine.mentionedNames
            if profile.defaultAction.lets { candidates.formUnion(DangerousSyscalls.reasons.keys) }
            for name in candidates.sorted() where !reported.contains(name) {
                let verdict = mine.verdict(for: name)
                guard verdict.letsSomeCalls else { continue }
                let baseVerdict = base.verdict(for: name)
                let (mark, path) = location(of: name, in: profile, index: mine.ruleIndex[name])
                if case .denied = baseVerdict {
                    reported.insert(name)
                    if let reason = DangerousSyscalls.reasons[name] {
                        let how = verdict == .allowed ? "allows" : "allows (with argument conditions)"
                        findings.append(
                            Finding(
                                rule: SeccompRules.dangerousSyscall,
                                message: "\(how) \(name), which \(baselineName) denies: it \(reason)",
                                object: object, location: at(mark, path), evidence: name))
                    } else if SyscallTable.isKnown(name) {
                        beyond.append(name)
                        if beyondMark == nil { beyondMark = (mark, path) }
                    }
                } else if case .allowedWithArguments = baseVerdict, verdict == .allowed {
                    reported.insert(name)
                    findings.append(
                        Finding(
                            rule: SeccompRules.widenedArguments,
                            message:
                                "allows \(name) with any arguments; \(baselineName) allows it only with argument conditions",
                            object: object, location: at(mark, path), evidence: name))
                }
            }
        }
        if !beyond.isEmpty, let (mark, path) = beyondMark {
            findings.append(
                Finding(
                    rule: SeccompRules.beyondDefault,
                    message: "allows \(beyond.count) syscall(s) that \(baselineName) denies: "
                        + beyond.joined(separator: ", "),
                    object: object, location: at(mark, path), evidence: beyond.joined(separator: ",")))
        }
        return findings
    }

    private func location(of name: String, in profile: SeccompProfile, index: Int?) -> (SourceMark, String) {
        guard let index, index < profile.syscalls.count else { return (profile.defaultActionMark, "defaultAction") }
        let rule = profile.syscalls[index]
        if let n = rule.names.firstIndex(of: name) {
            return (n < rule.nameMarks.count ? rule.nameMarks[n] : rule.mark, "syscalls[\(index)].names[\(n)]")
        }
        return (rule.mark, "syscalls[\(index)]")
    }
}
