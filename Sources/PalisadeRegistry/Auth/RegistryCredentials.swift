import Foundation

/// A user name and secret for one registry (a password, or a token a credential helper issued).
public struct RegistryCredentials: Sendable, Hashable {
    public var username: String
    public var secret: String

    public init(username: String, secret: String) {
        self.username = username
        self.secret = secret
    }

    /// `Basic base64(user:secret)`.
    var basicHeader: String { "Basic " + Data((username + ":" + secret).utf8).base64EncodedString() }
}

/// Credentials the way Docker stores them in `~/.docker/config.json`: `auths` entries (base64
/// `auth`, or `username`/`password`), and `credHelpers`/`credsStore`, which name a
/// `docker-credential-NAME` program answering `get` with the host on stdin.
public struct DockerConfigCredentials: Sendable {
    public var configPath: String
    /// Where `docker-credential-*` programs are looked up (`$PATH` by default).
    public var searchPath: String

    public init(configPath: String, searchPath: String? = nil) {
        self.configPath = configPath
        self.searchPath = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    }

    /// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["DOCKER_CONFIG"], !dir.isEmpty { return dir + "/config.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.docker/config.json"
    }

    /// The credentials for `registry` (as in a reference: `docker.io`, `ghcr.io`, `host:port`);
    /// nil when the file or an entry is absent. A broken file or failing helper is an error.
    public func credentials(for registry: String) throws(RegistryError) -> RegistryCredentials? {
        guard let data = FileManager.default.contents(atPath: configPath) else { return nil }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw RegistryError(.badInput, "\(configPath): not a JSON object")
            }
            object = parsed
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.badInput, "\(configPath): not valid JSON")
        }
        let keys = Self.keys(for: registry)
        if let helpers = object["credHelpers"] as? [String: String] {
            for key in keys { if let helper = helpers[key] { return try runHelper(helper, server: key) } }
        }
        if let auths = object["auths"] as? [String: Any] {
            for key in keys {
                guard let entry = auths[key] as? [String: Any] else { continue }
                if let auth = entry["auth"] as? String, !auth.isEmpty {
                    guard let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
                        let colon = decoded.firstIndex(of: ":")
                    else {
                        throw RegistryError(
                            .badInput, "\(configPath): auths[\"\(key)\"].auth is not base64 user:password")
                    }
                    return RegistryCredentials(
                        username: String(decoded[..<colon]), secret: String(decoded[decoded.index(after: colon)...]))
                }
                if let user = entry["username"] as? String, let password = entry["password"] as? String {
                    return RegistryCredentials(username: user, secret: password)
                }
            }
        }
        if let store = object["credsStore"] as? String, !store.isEmpty {
            return try runHelper(store, server: keys[0])
        }
        return nil
    }

    /// The spellings Docker uses as keys for one registry.
    static func keys(for registry: String) -> [String] {
        if registry == "docker.io" {
            return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"]
        }
        return [registry, "https://" + registry, "http://" + registry, "https://" + registry + "/v1/"]
    }

    /// Runs `docker-credential-NAME get`; "credentials not found" is no credentials, not an error.
    func runHelper(_ name: String, server: String) throws(RegistryError) -> RegistryCredentials? {
        guard name.utf8.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: "/") }) else {
            throw RegistryError(.badInput, "credential helper name '\(name)' is not a plain program name")
        }
        let program = "docker-credential-" + name
        let path = searchPath.split(separator: ":")
            .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw RegistryError(.auth, "credential helper \(program) is not on PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["get"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { throw RegistryError(.auth, "\(program): cannot run (\(error))") }
        input.fileHandleForWriting.write(Data(server.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            if text.lowercased().contains("credentials not found") { return nil }
            throw RegistryError(.auth, "\(program) get failed for \(server) (exit \(process.terminationStatus))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let user = object["Username"] as? String, let secret = object["Secret"] as? String
        else {
            throw RegistryError(.auth, "\(program) get returned no Username/Secret for \(server)")
        }
        return RegistryCredentials(username: user, secret: secret)
    }
}
