import Foundation

/// A user name and password for a registry (HTTP Basic) or for its token issuer.
public struct RegistryCredentials: Sendable, Equatable {
    public var user: String
    public var password: String
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// How a test registry authenticates clients over TLS.
public enum RegistryAuth: Sendable, Equatable {
    /// Anyone may pull and push.
    case none
    /// HTTP Basic against an htpasswd file (bcrypt), as a private registry commonly does.
    case basic(user: String, password: String)
}

/// What the registry serves on and how it authenticates.
public enum RegistryMode: Sendable, Equatable {
    /// HTTPS with a certificate from the server's own test CA.
    case tls(auth: RegistryAuth)
    /// Plain HTTP, for the "insecure registry" code paths.
    case plainHTTP
    /// HTTPS with Docker token authentication: a 401 Bearer challenge sends clients to a token issuer
    /// (scripts/registry-token-issuer.py, HTTPS with the same CA) that checks `credentials` with Basic auth.
    case token
}

/// A deliberately wrong server certificate, for the tests that a client refuses it.
public enum RegistryCertificateFault: Sendable, Equatable {
    /// Signed by the test CA, names right, validity over.
    case expired
    /// Names and dates right, but signed by itself rather than by the test CA.
    case selfSigned
}

/// How skopeo should trust the registry's certificate in `inspect`.
public enum SkopeoTrust: Sendable {
    /// Trust the server's test CA (`--cert-dir` holding it as ca.crt).
    case testCA
    /// Only the system's trust store, which does not hold the test CA.
    case system
    /// No verification (`--tls-verify=false`); required for plain HTTP.
    case insecure
}

/// A real CNCF Distribution registry (Debian's `docker-registry serve`) on 127.0.0.1 with an ephemeral port
/// and a temporary storage directory, so registry client tests talk to the same server software as
/// production registries rather than to a mock. Killed with SIGKILL and its files removed on deinit.
public final class RegistryTestServer {
    public let mode: RegistryMode
    public let certificateFault: RegistryCertificateFault?
    /// The temporary directory holding config, certificates, storage and logs.
    public let root: String
    public let port: Int
    /// The test CA (PEM): it signs the registry's certificate (not with `.selfSigned`) and the token issuer's.
    public let caFile: String
    /// A directory holding the CA as `ca.crt`, the layout skopeo's and Docker's `--cert-dir` expect.
    public let certDirectory: String
    /// The registry's storage root (filesystem driver), for tests that corrupt stored content directly.
    public let storageDirectory: String
    /// The credentials that `.tls(auth: .basic)` and `.token` accept; nil when no authentication.
    public let credentials: RegistryCredentials?
    /// With `.token`: the issuer's token endpoint, as the registry's Bearer challenge names it.
    public let tokenRealm: String?
    /// With `.token`: the `service` the registry's challenge names and the issuer requires.
    public let tokenService = "palisade-test-registry"
    /// With `.token`: the JSON-lines request log of the token issuer (method, path, status, authorization).
    public let tokenLogPath: String?
    /// The registry's stderr (Distribution logs every request there).
    public let logPath: String

    let certificates: TestCertificates
    private let registry: ChildProcess
    private let issuer: ChildProcess?

    /// "127.0.0.1:PORT", the registry host as it appears in image references.
    public var host: String { "127.0.0.1:\(port)" }
    public var usesTLS: Bool { mode != .plainHTTP }
    public var baseURL: String { (usesTLS ? "https://" : "http://") + host }

    /// Starts the registry (and, with `.token`, its token issuer) and returns once it accepts connections.
    /// - Parameters:
    ///   - mode: transport and authentication.
    ///   - certificateFault: serve a wrong certificate instead of the CA-signed one (TLS modes only).
    ///   - anonymousPull: with `.token`, the issuer gives a request without credentials a pull-only token (as
    ///     Docker Hub does for public images) instead of 401.
    public init(
        mode: RegistryMode = .tls(auth: .none), certificateFault: RegistryCertificateFault? = nil,
        anonymousPull: Bool = false
    ) throws {
        let registryPath = try RegistryTools.require(RegistryTools.registry, "docker-registry")
        if certificateFault != nil && mode == .plainHTTP {
            throw RegistryTestError("a certificate fault needs a TLS mode, not .plainHTTP")
        }
        self.mode = mode
        self.certificateFault = certificateFault
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("palisade-registry-\(UUID().uuidString)")
            .path
        let storage = root + "/storage"
        storageDirectory = storage
        certDirectory = root + "/cert-dir"
        logPath = root + "/registry.log"
        try FileManager.default.createDirectory(atPath: storageDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: certDirectory, withIntermediateDirectories: true)
        var started: [ChildProcess] = []
        do {
            certificates = try TestCertificates(directory: root + "/certs")
            caFile = certificates.caFile
            try FileManager.default.copyItem(atPath: caFile, toPath: certDirectory + "/ca.crt")

            var served = (cert: certificates.serverCert, key: certificates.serverKey)
            switch certificateFault {
            case .expired:
                served = (root + "/certs/expired.pem", root + "/certs/expired.key")
                try certificates.makeServerCertificate(cert: served.cert, key: served.key, days: -1)
            case .selfSigned:
                served = (root + "/certs/self-signed.pem", root + "/certs/self-signed.key")
                try certificates.makeSelfSignedCertificate(cert: served.cert, key: served.key)
            case nil: break
            }

            var auth = ""
            switch mode {
            case .plainHTTP, .tls(auth: .none):
                credentials = nil
                tokenRealm = nil
                tokenLogPath = nil
                issuer = nil
            case .tls(auth: .basic(let user, let password)):
                credentials = RegistryCredentials(user: user, password: password)
                tokenRealm = nil
                tokenLogPath = nil
                issuer = nil
                let htpasswd = root + "/htpasswd"
                let line = try ProcessRunner.check(
                    try RegistryTools.require(RegistryTools.find("htpasswd"), "htpasswd (apache2-utils)"),
                    ["-Bbn", user, password]
                ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                try (line + "\n").write(toFile: htpasswd, atomically: true, encoding: .utf8)
                auth = """
                    auth:
                      htpasswd:
                        realm: palisade-test-registry
                        path: \(htpasswd)

                    """
            case .token:
                let credentials = RegistryCredentials(user: "palisade", password: "pw-" + UUID().uuidString)
                self.credentials = credentials
                try certificates.makeSigningCertificate()
                let python = try RegistryTools.require(RegistryTools.python, "python3")
                let log = root + "/token-requests.jsonl"
                tokenLogPath = log
                let (child, tokenPort) = try ChildProcess.start(
                    python,
                    [
                        RegistryTools.scriptsDirectory + "/registry-token-issuer.py",
                        "--cert", certificates.signingCert, "--key", certificates.signingKey,
                        "--tls-cert", certificates.serverCert, "--tls-key", certificates.serverKey,
                        "--user", credentials.user, "--password", credentials.password,
                        "--service", tokenService, "--issuer", "palisade-test-issuer", "--log", log,
                        "--lifetime", "900", "--exit-on-stdin-eof",
                    ] + (anonymousPull ? ["--anonymous-pull"] : []),
                    stderrPath: root + "/token-issuer.log", keepStdin: true)
                issuer = child
                started.append(child)
                let realm = "https://127.0.0.1:\(tokenPort)/token"
                tokenRealm = realm
                auth = """
                    auth:
                      token:
                        realm: \(realm)
                        service: \(tokenService)
                        issuer: palisade-test-issuer
                        rootcertbundle: \(certificates.signingCert)

                    """
            }
            let tls =
                mode == .plainHTTP
                ? ""
                : """
                  tls:
                    certificate: \(served.cert)
                    key: \(served.key)

                """
            let configuration = tls + auth
            (registry, port) = try Self.launch(registryPath, root: root, logPath: logPath) { port in
                """
                version: 0.1
                log:
                  level: info
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: \(storage)
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:\(port)
                  secret: \(UUID().uuidString)
                \(configuration)
                """
            }
        } catch {
            for child in started { child.stop() }
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
    }

    deinit {
        registry.stop()
        issuer?.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes the config for a free port and starts the registry; retries with another port when one was
    /// taken between choosing and binding it. Ready means the registry logged "listening on" and accepts
    /// TCP connections (it serves /v2/ from then on).
    private static func launch(_ executable: String, root: String, logPath: String, config: (Int) -> String) throws
        -> (ChildProcess, Int)
    {
        let python = try RegistryTools.require(RegistryTools.python, "python3")
        var lastError = ""
        for attempt in 1...5 {
            let port = try Loopback.freePort()
            let configPath = root + "/config-\(attempt).yml"
            try config(port).write(toFile: configPath, atomically: true, encoding: .utf8)
            // Through run-with-lifetime.py: docker-registry has no lifetime of its own, and a test process that
            // dies without running deinit must not leave it serving.
            let (child, registryPID) = try ChildProcess.start(
                python,
                [
                    RegistryTools.scriptsDirectory + "/run-with-lifetime.py", "--lifetime", "900", "--", executable,
                    "serve", configPath,
                ], stderrPath: logPath, keepStdin: true)
            child.companion = pid_t(registryPID)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if !child.isRunning { break }
                if child.stderrTail(4000).contains("listening on") && Loopback.acceptsConnections(port: port) {
                    return (child, port)
                }
                usleep(20_000)
            }
            lastError = child.stderrTail()
            child.stop()
            if !lastError.contains("address already in use") { break }
        }
        throw RegistryTestError("docker-registry did not start within 10 s; its log ends with: \(lastError)")
    }

    /// Pushes an image from an OCI layout with `skopeo copy --all` (every platform of an index) and returns
    /// the manifest digest the registry now holds for `repository:destinationTag`. Pushing a different image
    /// to the same tag moves the tag.
    /// - Parameters:
    ///   - ociLayout: an OCI image layout directory.
    ///   - tag: the layout's reference (`org.opencontainers.image.ref.name`), or nil for its only image.
    ///   - repository: for example "library/app".
    ///   - destinationTag: the tag to push to.
    @discardableResult
    public func push(ociLayout: String, tag: String?, to repository: String, tag destinationTag: String) throws
        -> String
    {
        let skopeo = try RegistryTools.require(RegistryTools.find("skopeo"), "skopeo")
        let digestFile = root + "/digest-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: digestFile) }
        let source = "oci:" + ociLayout + (tag.map { ":" + $0 } ?? "")
        var arguments = ["copy", "--all", "--preserve-digests", "--digestfile", digestFile]
        arguments += transportArguments(prefix: "--dest-", trust: certificateFault == nil ? .testCA : .insecure)
        if let credentials { arguments += ["--dest-creds", credentials.user + ":" + credentials.password] }
        arguments += [source, "docker://\(host)/\(repository):\(destinationTag)"]
        try ProcessRunner.check(skopeo, arguments)
        return try String(contentsOfFile: digestFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Deletes a manifest (by digest, or the one a tag names) with `skopeo delete`; the registry allows it.
    public func delete(repository: String, reference: String) throws {
        let skopeo = try RegistryTools.require(RegistryTools.find("skopeo"), "skopeo")
        var arguments = ["delete"]
        arguments += transportArguments(prefix: "--", trust: certificateFault == nil ? .testCA : .insecure)
        if let credentials { arguments += ["--creds", credentials.user + ":" + credentials.password] }
        arguments.append("docker://\(host)/\(repository)" + Self.separator(reference) + reference)
        try ProcessRunner.check(skopeo, arguments)
    }

    /// `skopeo inspect [--raw] docker://HOST/REPOSITORY:REFERENCE` with the given credentials and trust, for
    /// tests that check what an independent client sees (or is refused).
    public func skopeoInspect(
        repository: String, reference: String, credentials: RegistryCredentials?, trust: SkopeoTrust = .testCA,
        raw: Bool = true
    ) throws -> ProcessResult {
        let skopeo = try RegistryTools.require(RegistryTools.find("skopeo"), "skopeo")
        var arguments = ["inspect"]
        if raw { arguments.append("--raw") }
        arguments += transportArguments(prefix: "--", trust: trust)
        if let credentials { arguments += ["--creds", credentials.user + ":" + credentials.password] }
        arguments.append("docker://\(host)/\(repository)" + Self.separator(reference) + reference)
        return try ProcessRunner.run(skopeo, arguments)
    }

    private func transportArguments(prefix: String, trust: SkopeoTrust) -> [String] {
        if !usesTLS { return [prefix + "tls-verify=false"] }
        switch trust {
        case .testCA: return [prefix + "cert-dir", certDirectory]
        case .system: return []
        case .insecure: return [prefix + "tls-verify=false"]
        }
    }

    private static func separator(_ reference: String) -> String {
        reference.hasPrefix("sha256:") ? "@" : ":"
    }
}
