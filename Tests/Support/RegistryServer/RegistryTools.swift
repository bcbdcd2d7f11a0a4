import Foundation

/// Finds the programs the registry tests drive (Debian's docker-registry, skopeo, openssl, python3, htpasswd,
/// curl) and
/// decides whether the registry suites run. Outside CI a missing tool skips them; under CI (`CI=true`) they
/// run regardless, so a missing tool fails them instead of silently skipping.
public enum RegistryTools {
    /// The first executable called `name` on PATH.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The CNCF Distribution registry; Debian installs it as /usr/bin/docker-registry.
    public static var registry: String? {
        find("docker-registry") ?? existing("/usr/bin/docker-registry")
    }

    /// Debian's python3 first: it is the one with python3-cryptography (the token issuer needs it), and it
    /// starts in ~30 ms where a pyenv shim on PATH takes about a second.
    public static var python: String? { existing("/usr/bin/python3") ?? find("python3") }

    public static var present: Bool {
        registry != nil && python != nil && ["openssl", "skopeo", "htpasswd", "curl"].allSatisfy { find($0) != nil }
    }

    public static var shouldRun: Bool { present || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The repository's scripts directory, found from this file's path (Tests/Support/RegistryServer/).
    public static var scriptsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts").path
    }

    /// The images scripts/build-test-images caches (for example `vulnerable-python-oci`, `distroless-oci`):
    /// `${PALISADE_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/palisade-test-images}/v1`, as in the script.
    public static var testImagesDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["PALISADE_TEST_IMAGES"], !explicit.isEmpty { return explicit + "/v1" }
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return cache + "/palisade-test-images/v1"
    }

    static func require(_ tool: String?, _ name: String) throws -> String {
        guard let tool else {
            throw RegistryTestError("\(name) is required for the registry tests (scripts/setup installs it)")
        }
        return tool
    }

    private static func existing(_ path: String) -> String? {
        FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}

/// Why the registry test infrastructure could not do what a test asked, in one message.
public struct RegistryTestError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A finished program's exit status and output, so tests can assert on a tool's verdict (skopeo, curl).
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == 0 }
}

/// Runs programs to completion. Output goes through temporary files rather than pipes, so a chatty program
/// cannot fill a pipe and block while we wait for it.
public enum ProcessRunner {
    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments` and waits for it.
    public static func run(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
        let path =
            executable.contains("/")
            ? executable : try RegistryTools.require(RegistryTools.find(executable), executable)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Runs a program that must succeed; throws with its stderr otherwise.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String]) throws -> ProcessResult {
        let result = try run(executable, arguments)
        guard result.succeeded else {
            let name = (executable as NSString).lastPathComponent
            throw RegistryTestError(
                "\(name) \(arguments.prefix(2).joined(separator: " ")) failed with status \(result.status): "
                    + result.stderr.suffix(600))
        }
        return result
    }
}

/// A helper process (docker-registry or a Python script) stopped with SIGKILL: a process spawned from a test
/// thread may inherit a signal mask that blocks SIGTERM.
final class ChildProcess {
    let process = Process()
    let stderrPath: String

    /// The write end of the child's stdin, when it was asked for (scripts/run-with-lifetime.py watches it).
    private let stdin: Pipe?
    /// A process the child started that must die with it (the registry under run-with-lifetime.py).
    var companion: pid_t?

    init(_ executable: String, _ arguments: [String], stderrPath: String, stdout: Pipe? = nil, stdin: Pipe? = nil)
        throws
    {
        self.stderrPath = stderrPath
        self.stdin = stdin
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    /// Starts a script that prints a number (its listening port, or run-with-lifetime.py's child's process ID)
    /// on the first line of stdout, and reads it.
    static func start(_ executable: String, _ arguments: [String], stderrPath: String, keepStdin: Bool = false)
        throws -> (ChildProcess, Int)
    {
        let output = Pipe()
        let child = try ChildProcess(
            executable, arguments, stderrPath: stderrPath, stdout: output, stdin: keepStdin ? Pipe() : nil)
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text), port > 0 else {
            child.stop()
            let name = arguments.first.map { ($0 as NSString).lastPathComponent } ?? executable
            throw RegistryTestError(
                "\(name) did not report a port (got \(text.debugDescription)): \(child.stderrTail())")
        }
        return (child, port)
    }

    var isRunning: Bool { process.isRunning }

    func stderrTail(_ count: Int = 1200) -> String {
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return String(text.suffix(count))
    }

    func stop() {
        if let companion { kill(companion, SIGKILL) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? stdin?.fileHandleForWriting.close()
    }
}

/// Loopback sockets: the registry takes its port from its config file, so we pick a free one first.
enum Loopback {
    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A port that was free a moment ago: bind 127.0.0.1:0, read the port the kernel chose, close. Another
    /// process may take it before the registry binds it, so the caller retries on "address already in use".
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RegistryTestError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw RegistryTestError("could not bind an ephemeral port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
