#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command under the real `strace` and parses its output while it runs. strace writes to a
/// temporary file, as with `strace -o FILE` (a pipe costs strace a context switch per full buffer:
/// up to 30% more time, measured), and the parser follows the file as it grows, so memory stays
/// flat; the file is deleted when the command ends. strace follows forks
/// and threads (`-f`) and exits with the command's status (or dies of the command's signal), which
/// `record` passes on after writing the profile.
public struct StraceRecorder: Sendable {
    /// How the command ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    public struct Recording: Sendable {
        public var trace: StraceTrace
        public var termination: Termination
        /// Bytes of strace output parsed.
        public var bytes: Int
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case straceMissing
        case commandNotFound(String)
        case notExecutable(String)
        case system(String)

        public var description: String {
            switch self {
            case .straceMissing: "strace not found on PATH: install Debian's strace package (apt-get install strace)"
            case .commandNotFound(let name): "command not found: \(name)"
            case .notExecutable(let path): "not an executable file: \(path)"
            case .system(let reason): reason
            }
        }
    }

    public var followForks: Bool
    /// Where strace is; `nil` searches PATH.
    public var stracePath: String?
    /// Also copy the raw strace output here (to merge with other runs later).
    public var logPath: String?

    public init(followForks: Bool = true, stracePath: String? = nil, logPath: String? = nil) {
        self.followForks = followForks
        self.stracePath = stracePath
        self.logPath = logPath
    }

    /// Runs `command` (its first element is looked up on PATH, like a shell does) and returns the
    /// parsed trace. stdin, stdout and stderr are the caller's.
    public func record(_ command: [String]) throws(Failure) -> Recording {
        guard let name = command.first else { throw .commandNotFound("") }
        // The same lookup `seccomp exec` uses, so both find the same program.
        let launcher = SeccompLauncher()
        guard let strace = try? launcher.resolve(stracePath ?? "strace") else { throw .straceMissing }
        let executable: String
        do {
            executable = try launcher.resolve(name)
        } catch {
            switch error {
            case .notExecutable(let path): throw .notExecutable(path)
            default: throw .commandNotFound(name)
            }
        }

        var template = Array("/tmp/palisade-strace-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .system("cannot create a temporary directory: \(Self.errnoText())")
        }
        let directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let tracePath = directory + "/trace"
        defer {
            unlink(tracePath)
            rmdir(directory)
        }
        let fd = open(tracePath, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system("cannot create the trace file: \(Self.errnoText())") }
        defer { close(fd) }
        var logFD: Int32 = -1
        if let logPath {
            logFD = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard logFD >= 0 else { throw .system("\(logPath): cannot write the log: \(Self.errnoText())") }
        }
        defer { if logFD >= 0 { close(logFD) } }

        var arguments = [strace, "-qq", "-o", tracePath]
        if followForks { arguments.insert("-f", at: 1) }
        arguments += ["--", executable] + command.dropFirst()
        // Like `time`: Ctrl-C goes to the command (same process group); we stay to write the profile.
        let previousInt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInt)
            signal(SIGQUIT, previousQuit)
        }
        let pid = try Self.spawn(strace, arguments)

        var parser = StraceLogParser()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var status: Int32 = 0
        var exited = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                total += n
                buffer.withUnsafeBytes { raw in
                    let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                    parser.feed(chunk)
                    if logFD >= 0 { Self.writeAll(logFD, chunk) }
                }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            // At the end of what strace has written so far. Once strace has exited and the file
            // is read to its end, the recording is complete.
            if exited { break }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) {
                exited = true
                continue
            }
            var pause = timespec(tv_sec: 0, tv_nsec: 5_000_000)
            nanosleep(&pause, nil)
        }
        let termination: Termination =
            (status & 0x7F) == 0 ? .exited((status >> 8) & 0xFF) : .signaled(status & 0x7F)
        return Recording(trace: parser.finish(), termination: termination, bytes: total)
    }

    private static func spawn(_ path: String, _ arguments: [String]) throws(Failure) -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child gets default dispositions for the signals we ignore while it runs.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGTSTP] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No blocked signals: palisade may spawn from a thread that blocks them, and strace (which
        // re-raises the command's fatal signal on itself) and the command would inherit the mask.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var cArgs: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, nil, &attributes, &cArgs, environ)
        guard result == 0 else { throw .system("cannot start \(path): \(String(cString: strerror(result)))") }
        return pid
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
