#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Why a command could not be started under a seccomp filter.
public enum SeccompLaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    case commandNotFound(String)
    case notExecutable(String)
    case emptyProgram
    /// `prctl(PR_SET_NO_NEW_PRIVS)` or `seccomp(SECCOMP_SET_MODE_FILTER)` failed.
    case loadFailed(step: String, errno: Int32)
    /// `execve` failed after the filter was loaded (the filter may itself deny it): written to
    /// standard error by `SeccompLauncher.exec` itself, which then ends the process.
    case execFailed(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .commandNotFound(let name): "command not found: \(name)"
        case .notExecutable(let path): "not executable: \(path)"
        case .emptyProgram: "the seccomp filter is empty"
        case .loadFailed(let step, let errno): "cannot load the seccomp filter: \(step) failed: \(errnoName(errno))"
        case .execFailed(let path, let errno): "cannot execute \(path) under the filter: \(errnoName(errno))"
        }
    }
}

/// Applies a compiled BPF program to this process and replaces it with a command: what `palisade
/// seccomp exec` does after compiling in the same process. Only raw system calls run between
/// loading the filter and `execve` (the PATH lookup and argument strings are prepared before),
/// so the filter needs to allow little more than `execve`. On success `exec` never returns: the
/// command's exit code and signals are the process's own.
public struct SeccompLauncher: Sendable {
    public init() {}

    /// Finds `command` the way `execvp` does: a name with a slash is used as is, otherwise the
    /// first executable match in `PATH` (default `/usr/local/bin:/usr/bin:/bin`).
    public func resolve(_ command: String, path: String? = nil) throws(SeccompLaunchError) -> String {
        if command.contains("/") {
            guard access(command, F_OK) == 0 else { throw .commandNotFound(command) }
            guard access(command, X_OK) == 0, !isDirectory(command) else { throw .notExecutable(command) }
            return command
        }
        guard !command.isEmpty else { throw .commandNotFound(command) }
        let search = path ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        var denied: String?
        for dir in search.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + command
            guard access(candidate, F_OK) == 0, !isDirectory(candidate) else { continue }
            if access(candidate, X_OK) == 0 { return candidate }
            denied = denied ?? candidate
        }
        if let denied { throw .notExecutable(denied) }
        throw .commandNotFound(command)
    }

    /// Loads `filter` and `execv`s `path` with `arguments` (argv[0] first). Throws only for
    /// problems found before the filter is loaded.
    ///
    /// Once the filter is in place nothing of this process can be trusted to work (the filter may
    /// deny `write`, `exit_group`, memory allocation…), so if `execve` fails then, the launcher does
    /// not return: it writes `failurePrefix` and the error to standard error with one raw `write`
    /// and ends the process with `_exit(failureStatus)`. Should the filter deny even that, glibc's
    /// `_exit` falls through to a faulting instruction, and with SIGSEGV, SIGILL and SIGBUS reset
    /// to their default actions before the filter was loaded, the kernel ends the process rather
    /// than a crash handler that can no longer run.
    public func exec(
        path: String, arguments: [String], filter: CompiledSeccompFilter, failurePrefix: String = "",
        failureStatus: Int32 = 2
    ) throws(SeccompLaunchError) -> Never {
        guard !filter.program.isEmpty, filter.program.count % 8 == 0 else { throw .emptyProgram }
        let calls = RawCalls.shared
        guard let seccompNumber = SyscallTable.number(of: "seccomp", on: .native) else {
            throw .loadFailed(step: "seccomp syscall number", errno: ENOSYS)
        }
        // Everything the exec needs is allocated before the filter is in place.
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        guard let cPath = strdup(path) else { throw .execFailed(path: path, errno: ENOMEM) }
        let program = UnsafeMutableRawPointer.allocate(byteCount: filter.program.count, alignment: 8)
        filter.program.withUnsafeBytes { program.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: len at 0, pointer at 8.
        let fprog = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
        // Runs only when this throws: a successful execv never returns.
        defer {
            fprog.deallocate()
            program.deallocate()
            free(cPath)
            for pointer in argv { free(pointer) }
        }
        fprog.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
        fprog.storeBytes(of: UInt16(filter.instructionCount), toByteOffset: 0, as: UInt16.self)
        fprog.storeBytes(of: UInt(bitPattern: program), toByteOffset: 8, as: UInt.self)
        // execve resets handled signals to their defaults anyway; this only matters if it fails.
        for number in [SIGSEGV, SIGILL, SIGBUS] { _ = signal(number, SIG_DFL) }
        // The command starts as a shell would start it: no blocked signals (palisade may run on a
        // thread that blocks them, and the mask survives execve) and SIGPIPE at its default.
        _ = signal(SIGPIPE, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        pthread_sigmask(SIG_SETMASK, &unblocked, nil)

        // PR_SET_NO_NEW_PRIVS = 38: required to load a filter without CAP_SYS_ADMIN, and what
        // runc sets for containers.
        if calls.prctl(38, 1, 0, 0, 0) != 0 { throw .loadFailed(step: "prctl(PR_SET_NO_NEW_PRIVS)", errno: errno) }
        // SECCOMP_SET_MODE_FILTER = 1, with the profile's flags (LOG, SPEC_ALLOW, TSYNC).
        if calls.syscall(seccompNumber, 1, Int(filter.flags), Int(bitPattern: fprog)) != 0 {
            throw .loadFailed(step: "seccomp(SECCOMP_SET_MODE_FILTER)", errno: errno)
        }
        execv(cPath, argv)
        let failure = SeccompLaunchError.execFailed(path: path, errno: errno)
        let line = Array("\(failurePrefix)\(failure)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        _exit(failureStatus)
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// `prctl`, `syscall` and `memfd_create` from the C library. The first two are variadic in C,
/// which Swift does not import, and Swift's Glibc module does not declare the third (it needs
/// `_GNU_SOURCE`), so they are looked up with `dlsym` and called through fixed-argument pointers
/// (the Linux x86_64 and aarch64 calling conventions pass these integer arguments identically to
/// variadic ones). Immutable after the one-time lookup, hence `@unchecked Sendable`.
final class RawCalls: @unchecked Sendable {
    typealias PrctlFn = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    typealias SyscallFn = @convention(c) (Int, Int, Int, Int) -> Int
    typealias MemfdFn = @convention(c) (UnsafePointer<CChar>?, UInt32) -> Int32

    let prctl: PrctlFn
    let syscall: SyscallFn
    let memfdCreate: MemfdFn?

    static let shared = RawCalls()

    private init() {
        let process = dlopen(nil, RTLD_NOW)
        prctl = unsafeBitCast(dlsym(process, "prctl")!, to: PrctlFn.self)
        syscall = unsafeBitCast(dlsym(process, "syscall")!, to: SyscallFn.self)
        memfdCreate = dlsym(process, "memfd_create").map { unsafeBitCast($0, to: MemfdFn.self) }
    }

    /// A read-write file descriptor with no name: a memfd (glibc 2.27+), else an unlinked
    /// temporary file. -1 with `errno` set on failure.
    func anonymousFile() -> Int32 {
        if let memfdCreate {
            let fd = memfdCreate("palisade-seccomp", 1)  // MFD_CLOEXEC
            if fd >= 0 { return fd }
        }
        guard let file = tmpfile() else { return -1 }
        let fd = dup(fileno(file))
        fclose(file)
        return fd
    }
}
