/// What a seccomp filter does with a syscall. Kept as the profile's own string so a profile with an
/// action this build does not know still loads, and `check` can name it.
public struct SeccompAction: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let allow = SeccompAction(rawValue: "SCMP_ACT_ALLOW")
    public static let errno = SeccompAction(rawValue: "SCMP_ACT_ERRNO")
    public static let log = SeccompAction(rawValue: "SCMP_ACT_LOG")
    public static let kill = SeccompAction(rawValue: "SCMP_ACT_KILL")
    public static let killThread = SeccompAction(rawValue: "SCMP_ACT_KILL_THREAD")
    public static let killProcess = SeccompAction(rawValue: "SCMP_ACT_KILL_PROCESS")
    public static let trap = SeccompAction(rawValue: "SCMP_ACT_TRAP")
    public static let trace = SeccompAction(rawValue: "SCMP_ACT_TRACE")
    public static let notify = SeccompAction(rawValue: "SCMP_ACT_NOTIFY")

    /// The actions runc, crun and containerd accept.
    public static let known: [SeccompAction] = [
        .allow, .errno, .log, .kill, .killThread, .killProcess, .trap, .trace, .notify,
    ]

    public var isKnown: Bool { Self.known.contains(self) }

    /// True when the syscall runs (ALLOW, or LOG which allows and records).
    public var lets: Bool { self == .allow || self == .log }

    public var description: String { rawValue }
}

/// A comparison in an argument condition (`SCMP_CMP_*`).
public enum SeccompComparison: String, Sendable, Hashable, CaseIterable {
    case notEqual = "SCMP_CMP_NE"
    case lessThan = "SCMP_CMP_LT"
    case lessOrEqual = "SCMP_CMP_LE"
    case equal = "SCMP_CMP_EQ"
    case greaterOrEqual = "SCMP_CMP_GE"
    case greaterThan = "SCMP_CMP_GT"
    case maskedEqual = "SCMP_CMP_MASKED_EQ"
}
