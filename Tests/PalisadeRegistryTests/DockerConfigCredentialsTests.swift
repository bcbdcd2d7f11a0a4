import Foundation
import Testing

@testable import PalisadeRegistry

/// Credentials are found where Docker keeps them: `auths` (base64 `auth`, or user/password),
/// `credHelpers` per host and `credsStore`, the helpers being real programs run with `get`.
@Suite struct DockerConfigCredentialsTests {
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-dockercfg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func authsEntries() throws {
        let dir = try Self.scratch()
        let auth = Data("alice:s3cr:et".utf8).base64EncodedString()
        try Self.write(
            """
            {"auths": {"https://index.docker.io/v1/": {"auth": "\(auth)"},
                       "ghcr.io": {"username": "bob", "password": "pw"},
                       "https://reg.example:5000": {"auth": "\(auth)"}}}
            """, dir + "/config.json")
        let config = DockerConfigCredentials(configPath: dir + "/config.json")
        #expect(try config.credentials(for: "docker.io") == RegistryCredentials(username: "alice", secret: "s3cr:et"))
        #expect(try config.credentials(for: "ghcr.io") == RegistryCredentials(username: "bob", secret: "pw"))
        #expect(try config.credentials(for: "reg.example:5000")?.username == "alice")
        #expect(try config.credentials(for: "quay.io") == nil)
        #expect(try DockerConfigCredentials(configPath: dir + "/absent.json").credentials(for: "ghcr.io") == nil)
    }

    @Test func brokenFilesAreOneLineErrors() throws {
        let dir = try Self.scratch()
        try Self.write("{not json", dir + "/a.json")
        #expect(throws: RegistryError.self) {
            try DockerConfigCredentials(configPath: dir + "/a.json").credentials(for: "ghcr.io")
        }
        try Self.write(#"{"auths": {"ghcr.io": {"auth": "@@@"}}}"#, dir + "/b.json")
        #expect(throws: RegistryError.self) {
            try DockerConfigCredentials(configPath: dir + "/b.json").credentials(for: "ghcr.io")
        }
    }

    /// A real `docker-credential-*` program on PATH, answering the protocol's JSON.
    @Test func credentialHelpersAreRun() throws {
        let dir = try Self.scratch()
        try Self.write(
            """
            #!/bin/sh
            read server
            if [ "$1" = get ] && [ "$server" = "ghcr.io" ]; then
              printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}' "$server"; exit 0
            fi
            echo "credentials not found in native keychain"; exit 1
            """, dir + "/docker-credential-palisadetest")
        chmod(dir + "/docker-credential-palisadetest", 0o755)
        try Self.write(
            #"{"credHelpers": {"ghcr.io": "palisadetest"}, "credsStore": "palisadetest"}"#, dir + "/config.json")
        let path = dir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let config = DockerConfigCredentials(configPath: dir + "/config.json", searchPath: path)
        #expect(
            try config.credentials(for: "ghcr.io")
                == RegistryCredentials(username: "helper-user", secret: "helper-secret"))
        // The store knows nothing of quay.io: no credentials, not an error.
        #expect(try config.credentials(for: "quay.io") == nil)
        try Self.write(#"{"credsStore": "missing-helper"}"#, dir + "/other.json")
        #expect(throws: RegistryError.self) {
            try DockerConfigCredentials(configPath: dir + "/other.json", searchPath: path).credentials(for: "ghcr.io")
        }
    }
}
