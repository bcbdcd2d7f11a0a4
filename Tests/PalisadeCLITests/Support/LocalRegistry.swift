import Foundation
import Testing

/// A real CNCF Distribution registry (Debian's `docker-registry`) on a free loopback port, with a
/// temporary storage directory, killed and removed on deinit. Plain HTTP, or TLS with a
/// certificate from a CA generated per instance (optionally expiring soon) and, optionally,
/// htpasswd basic auth. Images are pushed with skopeo, as a user would.
final class LocalRegistry {
    enum Mode {
        case plainHTTP
        case tls(user: String?, password: String?, certificateDays: Int)
    }

    let root: String
    let host: String
    let caFile: String?
    let user: String?
    let password: String?
    private let process: Process

    static var toolsPresent: Bool {
        ["docker-registry", "skopeo", "openssl", "htpasswd", "python3"].allSatisfy { find($0) != nil }
    }

    /// Run when the tools are installed, and always on CI (where their absence must fail).
    static var shouldRun: Bool { (toolsPresent && TestImages.isComplete) || TestImages.isCI }

    static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    init(_ mode: Mode) throws {
        try #require(Self.toolsPresent, "docker-registry, skopeo, openssl, htpasswd and python3 are needed")
        root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-registry-\(UUID())").path
        try FileManager.default.createDirectory(atPath: root + "/certs", withIntermediateDirectories: true)
        let port = try Self.freePort()
        host = "127.0.0.1:\(port)"
        var config = """
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(root)/data
              delete:
                enabled: true
            http:
              addr: \(host)

            """
        switch mode {
        case .plainHTTP:
            caFile = nil
            user = nil
            password = nil
        case .tls(let user, let password, let days):
            caFile = root + "/certs/ca.crt"
            self.user = user
            self.password = password
            try Self.run(
                "openssl",
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    root + "/ca.key", "-out", root + "/certs/ca.crt", "-days", "30", "-subj", "/CN=Palisade Test CA",
                ])
            try Self.run(
                "openssl",
                [
                    "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    root + "/server.key", "-out", root + "/server.csr", "-subj", "/CN=127.0.0.1",
                ])
            try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(
                toFile: root + "/ext.cnf", atomically: true, encoding: .utf8)
            try Self.run(
                "openssl",
                [
                    "x509", "-req", "-in", root + "/server.csr", "-CA", root + "/certs/ca.crt", "-CAkey",
                    root + "/ca.key", "-CAcreateserial", "-out", root + "/server.pem", "-days", "\(days)",
                    "-extfile", root + "/ext.cnf",
                ])
            config += """
                  tls:
                    certificate: \(root)/server.pem
                    key: \(root)/server.key

                """
            if let user, let password {
                try Self.run("htpasswd", ["-Bbc", root + "/htpasswd", user, password])
                config += """
                    auth:
                      htpasswd:
                        realm: palisade-test
                        path: \(root)/htpasswd

                    """
            }
        }
        try config.write(toFile: root + "/config.yml", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.find("docker-registry")))
        process.arguments = ["serve", root + "/config.yml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        try waitUntilServing()
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }

    var scheme: String { caFile == nil ? "http" : "https" }

    private func waitUntilServing() throws {
        let probe = """
            import ssl, sys, time, urllib.request, urllib.error
            ctx = ssl.create_default_context(cafile=sys.argv[2]) if sys.argv[2] else None
            for _ in range(100):
                try:
                    urllib.request.urlopen(sys.argv[1], timeout=1, context=ctx); sys.exit(0)
                except urllib.error.HTTPError as e:
                    sys.exit(0 if e.code == 401 else 1)
                except Exception:
                    time.sleep(0.1)
            sys.exit(1)
            """
        do {
            try Self.run("python3", ["-c", probe, "\(scheme)://\(host)/v2/", caFile ?? ""])
        } catch {
            throw CLIRunnerFailure("docker-registry did not start on \(host)")
        }
    }

    /// Pushes an OCI layout's image (all platforms of an index) to `repository:tag`; returns the
    /// manifest digest as pushed.
    @discardableResult
    func push(_ source: String, to repository: String, tag: String) throws -> String {
        var args = ["copy", "-q", "--all", "--preserve-digests", source, "docker://\(host)/\(repository):\(tag)"]
        if caFile == nil {
            args.insert("--dest-tls-verify=false", at: 1)
        } else {
            args.insert("--dest-cert-dir=\(root)/certs", at: 1)
        }
        if let user, let password { args.insert("--dest-creds=\(user):\(password)", at: 1) }
        args.insert("--digestfile=\(root)/digest", at: 1)
        try Self.run("skopeo", args)
        return try String(contentsOfFile: root + "/digest", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    static func freePort() throws -> Int {
        let text = try output(
            "python3", ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"])
        return try #require(Int(text))
    }

    static func run(_ tool: String, _ args: [String]) throws {
        _ = try output(tool, args)
    }

    /// Runs a tool; a non-zero exit is an error carrying its stderr.
    @discardableResult
    static func output(_ tool: String, _ args: [String], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(find(tool), "\(tool) not on PATH"))
        process.arguments = args
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIRunnerFailure(
                "\(tool) \(args.prefix(3).joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self).prefix(400))"
            )
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct CLIRunnerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
