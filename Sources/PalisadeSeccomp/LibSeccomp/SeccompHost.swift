#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What Docker's `includes`/`excludes` filters are checked against: the architecture, the
/// capabilities the process will have and the kernel version. `current` reads them from the
/// running process; tests and `--capabilities` build their own.
public struct SeccompHost: Sendable, Equatable {
    public var architecture: SeccompArchitecture
    /// Capability names (`CAP_SYS_ADMIN`, …).
    public var capabilities: Set<String>
    /// `uname -r`'s leading numbers: `6.1.0-13-amd64` → [6, 1, 0].
    public var kernel: [Int]

    public init(architecture: SeccompArchitecture, capabilities: Set<String>, kernel: [Int]) {
        self.architecture = architecture
        self.capabilities = capabilities
        self.kernel = kernel
    }

    /// This process: the native architecture, `CapEff` from /proc/self/status, `uname -r`.
    public static func current() -> SeccompHost {
        SeccompHost(
            architecture: .native, capabilities: LinuxCapabilities.effective(),
            kernel: kernelVersion(unameRelease()))
    }

    /// Docker's `includes`/`excludes`: excluded when any excluded arch or capability matches or
    /// the kernel reaches `excludes.minKernel`; included only when the arch is listed, every
    /// listed capability is held and the kernel reaches `includes.minKernel`.
    public func admits(_ rule: SyscallRule) -> Bool {
        let arch = architecture.goArchName
        if let excludes = rule.excludes {
            if excludes.arches.contains(arch) { return false }
            if excludes.caps.contains(where: { capabilities.contains($0) }) { return false }
            if let minimum = excludes.minKernel, kernelAtLeast(minimum) { return false }
        }
        if let includes = rule.includes {
            if !includes.arches.isEmpty && !includes.arches.contains(arch) { return false }
            if !includes.caps.allSatisfy({ capabilities.contains($0) }) { return false }
            if let minimum = includes.minKernel, !kernelAtLeast(minimum) { return false }
        }
        return true
    }

    /// True when the kernel is at least `minimum` (`"4.8"`), as Docker compares `minKernel`.
    public func kernelAtLeast(_ minimum: String) -> Bool {
        let wanted = SeccompHost.kernelVersion(minimum)
        for index in 0..<max(wanted.count, kernel.count) {
            let have = index < kernel.count ? kernel[index] : 0
            let want = index < wanted.count ? wanted[index] : 0
            if have != want { return have > want }
        }
        return true
    }

    /// The dotted numbers at the start of a release string; stops at the first other character.
    public static func kernelVersion(_ release: String) -> [Int] {
        var parts: [Int] = []
        for piece in release.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = piece.prefix(while: { $0.isASCII && $0.isNumber })
            guard let value = Int(digits) else { break }
            parts.append(value)
            if digits.count != piece.count { break }
        }
        return parts
    }

    static func unameRelease() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "" }
        return withUnsafeBytes(of: &name.release) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}

extension SeccompArchitecture {
    /// Go's `GOARCH` for the architecture: what Docker's `includes.arches`/`excludes.arches` list.
    public var goArchName: String {
        switch self {
        case .x86_64, .x32: "amd64"
        case .x86: "386"
        case .aarch64: "arm64"
        case .arm: "arm"
        case .mips: "mips"
        case .mipsel: "mipsle"
        case .mips64, .mips64n32: "mips64"
        case .mipsel64, .mipsel64n32: "mips64le"
        case .ppc: "ppc"
        case .ppc64: "ppc64"
        case .ppc64le: "ppc64le"
        case .s390: "s390"
        case .s390x: "s390x"
        case .riscv64: "riscv64"
        case .loong64: "loong64"
        }
    }
}
