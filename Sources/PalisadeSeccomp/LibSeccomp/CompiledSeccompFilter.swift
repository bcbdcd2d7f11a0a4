import PalisadeCore

/// A seccomp BPF program ready for `seccomp(SECCOMP_SET_MODE_FILTER)`, and what compiling the
/// profile left out.
public struct CompiledSeccompFilter: Sendable, Equatable {
    /// The bytes of `struct sock_filter[]` (8 bytes per instruction, native byte order).
    public var program: [UInt8]
    /// The architectures the filter matches (others get libseccomp's bad-arch action: kill).
    public var architectures: [SeccompArchitecture]
    /// Syscall names libseccomp does not know on any architecture, skipped as runc does.
    public var unknownNames: [String]
    /// Rules left out because their `includes`/`excludes` did not match the host.
    public var skippedRules: Int
    /// `SECCOMP_FILTER_FLAG_*` bits for `seccomp(2)`, from the profile's `flags`.
    public var flags: UInt32

    public init(
        program: [UInt8], architectures: [SeccompArchitecture], unknownNames: [String], skippedRules: Int,
        flags: UInt32 = 0
    ) {
        self.program = program
        self.architectures = architectures
        self.unknownNames = unknownNames
        self.skippedRules = skippedRules
        self.flags = flags
    }

    /// `struct sock_filter` is 8 bytes: code (16 bits), jt, jf, k (32 bits).
    public var instructionCount: Int { program.count / 8 }
}

/// Why a profile could not become a filter: a problem in the profile (with its position), or
/// libseccomp missing or refusing a call.
public enum SeccompFilterError: Error, Sendable, Equatable, CustomStringConvertible {
    case profile(InputError)
    case library(LibSeccompError)

    public var description: String {
        switch self {
        case .profile(let error): error.description
        case .library(let error): error.description
        }
    }
}
