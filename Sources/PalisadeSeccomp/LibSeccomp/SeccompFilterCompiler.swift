import PalisadeCore
import PalisadeFormats

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Turns a `SeccompProfile` into a BPF program with libseccomp, following what runc and
/// containerd (through moby's `profiles/seccomp`) do with the same profile, so `palisade seccomp
/// exec` behaves like the container would:
///
/// - the default action with `defaultErrnoRet`, each rule's action with `errnoRet`; ERRNO and
///   TRACE without a value return EPERM; rules whose action equals the default are left out
///   (libseccomp refuses them);
/// - architectures from `architectures`, or from the `archMap` entry of the host's architecture
///   (its subArchitectures included), as Docker does; the native one is always in the filter;
/// - `includes`/`excludes` checked against the host's Go architecture name, capabilities and
///   kernel version;
/// - several argument conditions on one rule are ANDed, unless two name the same argument: then
///   each condition becomes its own rule (runc's behaviour, libseccomp cannot AND those);
/// - names libseccomp does not know are skipped and returned, not an error;
/// - `flags` (LOG, SPEC_ALLOW, TSYNC) become the `seccomp(2)` flags.
///
/// The filter does not set no-new-privileges itself (`SeccompLauncher` does); a syscall from an
/// architecture outside the filter kills the process (KILL_PROCESS).
public struct SeccompFilterCompiler: Sendable {
    public var library: LibSeccomp
    public var host: SeccompHost

    public init(library: LibSeccomp, host: SeccompHost = .current()) {
        self.library = library
        self.host = host
    }

    /// Compiles `profile`, read from `file` (named in errors with the rule's line and column).
    public func compile(_ profile: SeccompProfile, file: String) throws(SeccompFilterError) -> CompiledSeccompFilter {
        let defaultAction = try action(
            profile.defaultAction, errnoRet: profile.defaultErrnoRet, file: file, mark: nil, names: [])
        let architectures = try filterArchitectures(profile, file: file)
        let flags = try Self.filterFlags(profile.flags, file: file)
        guard let context = library.seccompInit(defaultAction) else {
            throw .library(
                .callFailed(function: "seccomp_init", subject: profile.defaultAction.rawValue, errno: EINVAL))
        }
        defer { library.release(context) }
        try check(library.attrSet(context, LibSeccompConstants.attrNoNewPrivileges, 0), "seccomp_attr_set", "CTL_NNP")
        // A syscall from an architecture the filter does not cover kills the whole process, not
        // only the thread (libseccomp's own default is SCMP_ACT_KILL, the thread).
        try check(
            library.attrSet(context, LibSeccompConstants.attrBadArchAction, LibSeccompConstants.actKillProcess),
            "seccomp_attr_set", "ACT_BADARCH")
        let native = library.nativeToken
        for arch in architectures {
            guard let token = library.token(for: arch) else {
                throw .profile(
                    InputError(file: file, reason: "libseccomp \(versionText) does not know \(arch.rawValue)"))
            }
            guard token != native else { continue }
            let rc = library.archAdd(context, token)
            if rc != 0 && rc != -EEXIST { try check(rc, "seccomp_arch_add", arch.rawValue) }
        }

        var unknown: [String] = []
        var seenUnknown = Set<String>()
        var skipped = 0
        for rule in profile.syscalls {
            guard host.admits(rule) else {
                skipped += 1
                continue
            }
            let ruleAction = try action(
                rule.action, errnoRet: rule.errnoRet, file: file, mark: rule.mark, names: rule.names)
            if ruleAction == defaultAction { continue }
            let conditionSets = try Self.conditions(of: rule, file: file)
            for name in rule.names {
                guard let number = library.syscallNumber(of: name, onToken: native) else {
                    if seenUnknown.insert(name).inserted { unknown.append(name) }
                    continue
                }
                for set in conditionSets {
                    let rc = set.withUnsafeBytes { raw in
                        library.ruleAddArray(
                            context, ruleAction, number, UInt32(raw.count / LibSeccompConstants.argCmpSize),
                            raw.baseAddress)
                    }
                    try check(rc, "seccomp_rule_add_array", name)
                }
            }
        }
        let program = try export(context)
        var archesOut = [SeccompArchitecture.native]
        for arch in architectures where !archesOut.contains(arch) { archesOut.append(arch) }
        return CompiledSeccompFilter(
            program: program, architectures: archesOut, unknownNames: unknown, skippedRules: skipped,
            flags: flags)
    }

    private var versionText: String {
        let v = library.version
        return "\(v.major).\(v.minor).\(v.micro)"
    }

    private func check(_ rc: Int32, _ function: String, _ subject: String) throws(SeccompFilterError) {
        if rc < 0 { throw .library(.callFailed(function: function, subject: subject, errno: -rc)) }
    }

    /// The libseccomp action value for a profile action, runc's way.
    private func action(
        _ action: SeccompAction, errnoRet: Int?, file: String, mark: SourceMark?, names: [String]
    ) throws(SeccompFilterError) -> UInt32 {
        switch action {
        case .allow: return LibSeccompConstants.actAllow
        case .log: return LibSeccompConstants.actLog
        case .kill, .killThread: return LibSeccompConstants.actKillThread
        case .killProcess: return LibSeccompConstants.actKillProcess
        case .trap: return LibSeccompConstants.actTrap
        case .errno: return LibSeccompConstants.actErrno(errnoRet ?? Int(EPERM))
        case .trace: return LibSeccompConstants.actTrace(errnoRet ?? Int(EPERM))
        case .notify:
            throw .profile(
                Self.problem(
                    file, mark, names,
                    "SCMP_ACT_NOTIFY needs a seccomp agent listening, which seccomp exec does not run"))
        default:
            throw .profile(Self.problem(file, mark, names, "unsupported action \(action.rawValue)"))
        }
    }

    private static func problem(_ file: String, _ mark: SourceMark?, _ names: [String], _ reason: String) -> InputError
    {
        let subject =
            names.isEmpty
            ? "defaultAction" : "rule for \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : "")"
        let line = mark.flatMap { $0.line > 0 ? $0.line : nil }
        return InputError(
            file: file, line: line, column: line == nil ? nil : mark?.column, reason: "\(subject): \(reason)")
    }

    /// The profile's `flags` as `SECCOMP_FILTER_FLAG_*` bits, as runc passes them to seccomp(2).
    /// A listener (`SECCOMP_FILTER_FLAG_NEW_LISTENER`) needs an agent `seccomp exec` does not run.
    static func filterFlags(_ names: [String], file: String) throws(SeccompFilterError) -> UInt32 {
        var bits: UInt32 = 0
        for name in names {
            switch name {
            case "SECCOMP_FILTER_FLAG_TSYNC": bits |= 1
            case "SECCOMP_FILTER_FLAG_LOG": bits |= 2
            case "SECCOMP_FILTER_FLAG_SPEC_ALLOW": bits |= 4
            case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV": continue  // only meaningful with a listener
            default:
                throw .profile(InputError(file: file, reason: "flags: unsupported seccomp filter flag \(name)"))
            }
        }
        return bits
    }

    /// `architectures`, or the host's `archMap` entry with its companions (Docker ignores the
    /// other entries). Both at once is an error, as in Docker.
    private func filterArchitectures(_ profile: SeccompProfile, file: String) throws(SeccompFilterError)
        -> [SeccompArchitecture]
    {
        if !profile.architectures.isEmpty && !profile.archMap.isEmpty {
            throw .profile(InputError(file: file, reason: "use either architectures or archMap, not both"))
        }
        var names: [String] = []
        if profile.archMap.isEmpty {
            names = profile.architectures
        } else {
            for entry in profile.archMap where SeccompArchitecture(name: entry.architecture) == host.architecture {
                names += [entry.architecture] + entry.subArchitectures
            }
        }
        var out: [SeccompArchitecture] = []
        for name in names {
            guard let arch = SeccompArchitecture(name: name) else {
                throw .profile(InputError(file: file, reason: "unknown architecture \(name)"))
            }
            if !out.contains(arch) { out.append(arch) }
        }
        return out
    }

    /// The `struct scmp_arg_cmp` arrays to add the rule with: one array with every condition
    /// (ANDed), or, when an argument index repeats, one single-condition array per condition.
    static func conditions(of rule: SyscallRule, file: String) throws(SeccompFilterError) -> [[UInt8]] {
        for condition in rule.args where !(0...5).contains(condition.index) {
            throw .profile(Self.problem(file, rule.mark, rule.names, "argument index \(condition.index) is not 0-5"))
        }
        let indexes = rule.args.map(\.index)
        if Set(indexes).count == indexes.count { return [encode(rule.args)] }
        return rule.args.map { encode([$0]) }
    }

    private static func encode(_ conditions: [ArgumentCondition]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: conditions.count * LibSeccompConstants.argCmpSize)
        bytes.withUnsafeMutableBytes { raw in
            for (i, condition) in conditions.enumerated() {
                let base = i * LibSeccompConstants.argCmpSize
                raw.storeBytes(of: UInt32(condition.index), toByteOffset: base, as: UInt32.self)
                raw.storeBytes(of: LibSeccompConstants.compare(condition.op), toByteOffset: base + 4, as: UInt32.self)
                raw.storeBytes(of: condition.value, toByteOffset: base + 8, as: UInt64.self)
                raw.storeBytes(of: condition.valueTwo, toByteOffset: base + 16, as: UInt64.self)
            }
        }
        return bytes
    }

    /// `seccomp_export_bpf` into an anonymous memory file, read back.
    private func export(_ context: OpaquePointer) throws(SeccompFilterError) -> [UInt8] {
        let fd = RawCalls.shared.anonymousFile()
        guard fd >= 0 else { throw .library(.callFailed(function: "memfd_create", subject: "bpf", errno: errno)) }
        defer { close(fd) }
        try check(library.exportBPF(context, fd), "seccomp_export_bpf", "memfd")
        lseek(fd, 0, SEEK_SET)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            out.append(contentsOf: buffer[0..<count])
        }
        return out
    }
}
