#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// libseccomp, loaded at run time with `dlopen` so Palisade builds and runs (for everything but
/// `seccomp exec`) without it: no C target, no headers, no link-time dependency.
///
/// A final class marked `@unchecked Sendable`: every stored property is a `let` set once in `init`
/// (the library handle and C function pointers), and libseccomp's functions are safe to call from
/// any thread on distinct filter contexts. The handle is never closed: the functions stay valid
/// for the life of the process, which is what a shared `static let` instance needs.
public final class LibSeccomp: @unchecked Sendable {
    /// The soname Debian's libseccomp2 installs.
    public static let soname = "libseccomp.so.2"

    /// The environment variable that overrides the library path (tests use it to simulate a
    /// machine without libseccomp).
    public static let pathVariable = "PALISADE_LIBSECCOMP"

    /// The library at `PALISADE_LIBSECCOMP` or the system's `libseccomp.so.2`, loaded once.
    public static func shared() throws(LibSeccompError) -> LibSeccomp {
        try sharedResult.get()
    }

    private static let sharedResult: Result<LibSeccomp, LibSeccompError> = {
        let path = getenv(pathVariable).map { String(cString: $0) } ?? soname
        return Result { () throws(LibSeccompError) in try LibSeccomp(path: path) }
    }()

    public let path: String

    typealias InitFn = @convention(c) (UInt32) -> OpaquePointer?
    typealias ReleaseFn = @convention(c) (OpaquePointer?) -> Void
    typealias ArchFn = @convention(c) (OpaquePointer?, UInt32) -> Int32
    typealias ArchNativeFn = @convention(c) () -> UInt32
    typealias ArchResolveFn = @convention(c) (UnsafePointer<CChar>?) -> UInt32
    typealias ResolveNameArchFn = @convention(c) (UInt32, UnsafePointer<CChar>?) -> Int32
    typealias ResolveNumArchFn = @convention(c) (UInt32, Int32) -> UnsafeMutablePointer<CChar>?
    typealias RuleAddArrayFn = @convention(c) (OpaquePointer?, UInt32, Int32, UInt32, UnsafeRawPointer?) -> Int32
    typealias AttrSetFn = @convention(c) (OpaquePointer?, UInt32, UInt32) -> Int32
    typealias ExportFn = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias VersionFn = @convention(c) () -> UnsafeRawPointer?

    let seccompInit: InitFn
    let release: ReleaseFn
    let archAdd: ArchFn
    let archRemove: ArchFn
    let archNative: ArchNativeFn
    let archResolveName: ArchResolveFn
    let syscallResolveNameArch: ResolveNameArchFn
    let syscallResolveNumArch: ResolveNumArchFn
    let ruleAddArray: RuleAddArrayFn
    let attrSet: AttrSetFn
    let exportBPF: ExportFn
    let versionFn: VersionFn

    /// Loads the library at `path` (a soname searched the usual way, or a file path) and looks up
    /// every function Palisade calls, so a missing one is reported now rather than mid-filter.
    public init(path: String = LibSeccomp.soname) throws(LibSeccompError) {
        self.path = path
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw .libraryNotFound(path: path, detail: detail)
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(LibSeccompError) -> T {
            guard let pointer = dlsym(handle, name) else { throw .symbolMissing(symbol: name, path: path) }
            return unsafeBitCast(pointer, to: type)
        }
        seccompInit = try symbol("seccomp_init", as: InitFn.self)
        release = try symbol("seccomp_release", as: ReleaseFn.self)
        archAdd = try symbol("seccomp_arch_add", as: ArchFn.self)
        archRemove = try symbol("seccomp_arch_remove", as: ArchFn.self)
        archNative = try symbol("seccomp_arch_native", as: ArchNativeFn.self)
        archResolveName = try symbol("seccomp_arch_resolve_name", as: ArchResolveFn.self)
        syscallResolveNameArch = try symbol("seccomp_syscall_resolve_name_arch", as: ResolveNameArchFn.self)
        syscallResolveNumArch = try symbol("seccomp_syscall_resolve_num_arch", as: ResolveNumArchFn.self)
        ruleAddArray = try symbol("seccomp_rule_add_array", as: RuleAddArrayFn.self)
        attrSet = try symbol("seccomp_attr_set", as: AttrSetFn.self)
        exportBPF = try symbol("seccomp_export_bpf", as: ExportFn.self)
        versionFn = try symbol("seccomp_version", as: VersionFn.self)
    }

    /// libseccomp's own version (`struct scmp_version`: three unsigned ints).
    public var version: (major: Int, minor: Int, micro: Int) {
        guard let raw = versionFn() else { return (0, 0, 0) }
        let fields = raw.assumingMemoryBound(to: UInt32.self)
        return (Int(fields[0]), Int(fields[1]), Int(fields[2]))
    }

    /// libseccomp's token (`SCMP_ARCH_*`, the kernel's AUDIT_ARCH value) for an architecture,
    /// or nil when this libseccomp does not know it.
    public func token(for arch: SeccompArchitecture) -> UInt32? {
        let token = archResolveName(arch.libseccompName)
        return token == 0 ? nil : token
    }

    /// The token of the architecture this process runs on.
    public var nativeToken: UInt32 { archNative() }

    /// The syscall number libseccomp gives `name` on `arch`: nil when libseccomp does not know the
    /// name at all; negative "pseudo" numbers mean it knows the name but `arch` lacks it.
    public func syscallNumber(of name: String, onToken token: UInt32) -> Int32? {
        let number = syscallResolveNameArch(token, name)
        return number == LibSeccomp.unknownSyscall ? nil : number
    }

    /// The name libseccomp gives syscall `number` on `arch`, or nil.
    public func syscallName(of number: Int32, onToken token: UInt32) -> String? {
        guard let name = syscallResolveNumArch(token, number) else { return nil }
        defer { free(name) }
        return String(cString: name)
    }

    /// `__NR_SCMP_ERROR`: libseccomp's "no such syscall name".
    static let unknownSyscall: Int32 = -1
}

extension SeccompArchitecture {
    /// The name `seccomp_arch_resolve_name` takes (libseccomp's own spelling: `x86`, not `i386`).
    public var libseccompName: String {
        switch self {
        case .x86: "x86"
        default: unameName
        }
    }
}
