import PalisadeFormats

/// A seccomp profile in the JSON form Docker, Podman, containerd and CRI-O load (moby's
/// `profiles/seccomp` types): a default action, the architectures the filter covers, and ordered
/// syscall rules. Both the current `names` and the pre-2017 `name` rule forms are read.
public struct SeccompProfile: Sendable, Equatable {
    public var defaultAction: SeccompAction
    /// The errno `SCMP_ACT_ERRNO`/`SCMP_ACT_TRACE` return by default (runc uses EPERM when unset).
    public var defaultErrnoRet: Int?
    /// `architectures`: the flat form (OCI runtime spec).
    public var architectures: [String]
    /// `archMap`: Docker's form, each native architecture with its companion ABIs.
    public var archMap: [ArchitectureMapping]
    public var flags: [String]
    public var listenerPath: String?
    public var syscalls: [SyscallRule]
    /// Where `defaultAction` is in its file (line 0 for profiles built in code).
    public var defaultActionMark = SourceMark(line: 0, column: 0)

    public init(
        defaultAction: SeccompAction, defaultErrnoRet: Int? = nil, architectures: [String] = [],
        archMap: [ArchitectureMapping] = [], flags: [String] = [], listenerPath: String? = nil,
        syscalls: [SyscallRule] = []
    ) {
        self.defaultAction = defaultAction
        self.defaultErrnoRet = defaultErrnoRet
        self.architectures = architectures
        self.archMap = archMap
        self.flags = flags
        self.listenerPath = listenerPath
        self.syscalls = syscalls
    }

    public static func == (a: SeccompProfile, b: SeccompProfile) -> Bool {
        a.defaultAction == b.defaultAction && a.defaultErrnoRet == b.defaultErrnoRet
            && a.architectures == b.architectures && a.archMap == b.archMap && a.flags == b.flags
            && a.listenerPath == b.listenerPath && a.syscalls == b.syscalls
    }

    /// Every architecture the filter names, `architectures` and `archMap` together, in order.
    public var allArchitectures: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for name in architectures + archMap.flatMap({ [$0.architecture] + $0.subArchitectures })
        where seen.insert(name).inserted {
            out.append(name)
        }
        return out
    }
}

/// One `archMap` entry.
public struct ArchitectureMapping: Sendable, Equatable {
    public var architecture: String
    public var subArchitectures: [String]

    public init(architecture: String, subArchitectures: [String]) {
        self.architecture = architecture
        self.subArchitectures = subArchitectures
    }
}

/// One entry of `syscalls`: names, the action, optional argument conditions and Docker's
/// `includes`/`excludes` (the rule applies only with these capabilities, architectures, kernel).
public struct SyscallRule: Sendable, Equatable {
    public var names: [String]
    public var action: SeccompAction
    public var errnoRet: Int?
    public var args: [ArgumentCondition]
    public var comment: String?
    public var includes: RuleFilter?
    public var excludes: RuleFilter?
    /// Where the rule starts in its file (line 0 for rules built in code).
    public var mark: SourceMark
    /// Where each of `names` is in its file (empty for rules built in code).
    public var nameMarks: [SourceMark] = []

    public init(
        names: [String], action: SeccompAction, errnoRet: Int? = nil, args: [ArgumentCondition] = [],
        comment: String? = nil, includes: RuleFilter? = nil, excludes: RuleFilter? = nil,
        mark: SourceMark = SourceMark(line: 0, column: 0)
    ) {
        self.names = names
        self.action = action
        self.errnoRet = errnoRet
        self.args = args
        self.comment = comment
        self.includes = includes
        self.excludes = excludes
        self.mark = mark
    }

    public static func == (a: SyscallRule, b: SyscallRule) -> Bool {
        a.names == b.names && a.action == b.action && a.errnoRet == b.errnoRet && a.args == b.args
            && a.comment == b.comment && a.includes == b.includes && a.excludes == b.excludes
    }
}

/// Docker's rule filter: capabilities (`CAP_SYS_ADMIN`), architectures (Go names: `amd64`, `arm64`,
/// `s390x`, …) and the lowest kernel version.
public struct RuleFilter: Sendable, Equatable {
    public var caps: [String]
    public var arches: [String]
    public var minKernel: String?

    public init(caps: [String] = [], arches: [String] = [], minKernel: String? = nil) {
        self.caps = caps
        self.arches = arches
        self.minKernel = minKernel
    }

    public var isEmpty: Bool { caps.isEmpty && arches.isEmpty && minKernel == nil }
}

/// A condition on one syscall argument (index 0–5).
public struct ArgumentCondition: Sendable, Equatable {
    public var index: Int
    public var value: UInt64
    public var valueTwo: UInt64
    public var op: SeccompComparison

    public init(index: Int, value: UInt64, valueTwo: UInt64 = 0, op: SeccompComparison) {
        self.index = index
        self.value = value
        self.valueTwo = valueTwo
        self.op = op
    }
}
