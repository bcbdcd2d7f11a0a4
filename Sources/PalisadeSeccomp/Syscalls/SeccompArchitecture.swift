/// A seccomp architecture as Docker/OCI profiles name it (`SCMP_ARCH_*`). A filter is per
/// architecture: a 64-bit x86 process can still enter the kernel through the 32-bit (`int 0x80`)
/// and x32 ABIs, so a profile that lists only `SCMP_ARCH_X86_64` leaves those doors to the
/// default action, and one that lists them must allow the right names there too.
public enum SeccompArchitecture: String, Sendable, Hashable, CaseIterable, Comparable {
    // swift-format-ignore: AlwaysUseLowerCamelCase
    case x86_64 = "SCMP_ARCH_X86_64"
    case x86 = "SCMP_ARCH_X86"
    case x32 = "SCMP_ARCH_X32"
    case aarch64 = "SCMP_ARCH_AARCH64"
    case arm = "SCMP_ARCH_ARM"
    case mips = "SCMP_ARCH_MIPS"
    case mips64 = "SCMP_ARCH_MIPS64"
    case mips64n32 = "SCMP_ARCH_MIPS64N32"
    case mipsel = "SCMP_ARCH_MIPSEL"
    case mipsel64 = "SCMP_ARCH_MIPSEL64"
    case mipsel64n32 = "SCMP_ARCH_MIPSEL64N32"
    case ppc = "SCMP_ARCH_PPC"
    case ppc64 = "SCMP_ARCH_PPC64"
    case ppc64le = "SCMP_ARCH_PPC64LE"
    case s390 = "SCMP_ARCH_S390"
    case s390x = "SCMP_ARCH_S390X"
    case riscv64 = "SCMP_ARCH_RISCV64"
    case loong64 = "SCMP_ARCH_LOONGARCH64"

    /// The architectures Palisade has a syscall table for (names and numbers).
    public static let withTable: [SeccompArchitecture] = [.x86_64, .x86, .x32, .aarch64, .arm]

    /// Docker's `archMap` companions: the ABIs a process of this architecture can also use.
    public var companions: [SeccompArchitecture] {
        switch self {
        case .x86_64: [.x86, .x32]
        case .aarch64: [.arm]
        case .mips64: [.mips, .mips64n32]
        case .mipsel64: [.mipsel, .mipsel64n32]
        case .ppc64le: []
        case .s390x: [.s390]
        case .riscv64: []
        default: []
        }
    }

    /// The name `uname -m` prints (and `--arch` accepts): `x86_64`, `aarch64`, `i386`, …
    public var unameName: String {
        switch self {
        case .x86_64: "x86_64"
        case .x86: "i386"
        case .x32: "x32"
        case .aarch64: "aarch64"
        case .arm: "arm"
        case .mips: "mips"
        case .mips64: "mips64"
        case .mips64n32: "mips64n32"
        case .mipsel: "mipsel"
        case .mipsel64: "mipsel64"
        case .mipsel64n32: "mipsel64n32"
        case .ppc: "ppc"
        case .ppc64: "ppc64"
        case .ppc64le: "ppc64le"
        case .s390: "s390"
        case .s390x: "s390x"
        case .riscv64: "riscv64"
        case .loong64: "loongarch64"
        }
    }

    /// Accepts `SCMP_ARCH_X86_64`, `x86_64`, `amd64`, `aarch64`, `arm64`, `i386`, `x86`, `arm`, …
    public init?(name: String) {
        if let exact = SeccompArchitecture(rawValue: name) {
            self = exact
            return
        }
        switch name.lowercased() {
        case "x86_64", "amd64", "x86-64": self = .x86_64
        case "x86", "i386", "i686", "386": self = .x86
        case "x32": self = .x32
        case "aarch64", "arm64": self = .aarch64
        case "arm", "armv7l", "armhf", "armel": self = .arm
        case "ppc64le": self = .ppc64le
        case "s390x": self = .s390x
        case "riscv64": self = .riscv64
        default:
            guard let match = SeccompArchitecture.allCases.first(where: { $0.unameName == name.lowercased() })
            else { return nil }
            self = match
        }
    }

    /// The architecture this binary runs on.
    public static var native: SeccompArchitecture {
        #if arch(x86_64)
            .x86_64
        #elseif arch(arm64)
            .aarch64
        #elseif arch(i386)
            .x86
        #elseif arch(arm)
            .arm
        #elseif arch(s390x)
            .s390x
        #elseif arch(powerpc64le)
            .ppc64le
        #else
            .x86_64
        #endif
    }

    public static func < (a: SeccompArchitecture, b: SeccompArchitecture) -> Bool {
        let order = allCases
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Which of a native architecture's ABIs a traced process used. strace prints
/// `[ Process PID=N runs in 32 bit mode. ]` when a process switches, and prefixes
/// `strace -c` summaries with the mode.
public enum SyscallPersonality: String, Sendable, Hashable, CaseIterable {
    /// The tracer's own architecture (x86_64 or aarch64 on the machines we support).
    case native
    /// The 32-bit companion (x86 on x86_64, arm on aarch64).
    case compat32
    /// The x32 ABI (x86_64 only).
    case x32

    /// The seccomp architecture a log recorded on `host` means by this personality.
    public func architecture(on host: SeccompArchitecture) -> SeccompArchitecture {
        switch self {
        case .native: host
        case .compat32: host == .aarch64 ? .arm : (host == .x86_64 ? .x86 : host)
        case .x32: host == .x86_64 ? .x32 : host
        }
    }
}
