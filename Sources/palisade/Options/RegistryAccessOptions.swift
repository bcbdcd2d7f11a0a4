import ArgumentParser
import Foundation
import PalisadeRegistry

/// How to reach a registry: credentials, trust and plain HTTP. Shared by `palisade image` (a
/// registry REF) and `palisade registry audit`.
struct RegistryAccessOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Registry user name (the password is read from stdin).", valueName: "NAME"))
    var username: String?

    @Flag(help: "Read the registry password from standard input (with --username).")
    var passwordStdin = false

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp("PEM CA bundle to trust for the registry (a private CA).", valueName: "FILE"))
    var caFile: String?

    @Option(
        name: .customLong("insecure-registry"),
        help: ArgumentHelp(
            "Allow plain HTTP for this registry host[:port] (reported as a finding); repeatable.", valueName: "HOST"))
    var insecureRegistries: [String] = []

    @Option(
        name: .customLong("docker-config"),
        help: ArgumentHelp(
            "Docker config.json with registry credentials (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).",
            valueName: "FILE"))
    var dockerConfig: String?

    func validate() throws {
        if passwordStdin && username == nil { throw ValidationError("--password-stdin needs --username") }
        if username != nil && !passwordStdin { throw ValidationError("--username needs --password-stdin") }
    }

    func allowsPlainHTTP(_ image: RegistryReference) -> Bool {
        insecureRegistries.contains(image.registry) || insecureRegistries.contains(image.apiHost)
    }

    /// Credentials from --username/--password-stdin, else Docker's config for the registry.
    func clientConfiguration(for image: RegistryReference) throws -> RegistryClient.Configuration {
        var credentials: RegistryCredentials?
        if let username {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            var password = String(decoding: data, as: UTF8.self)
            while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
            guard !password.isEmpty else { throw RegistryError(.badInput, "--password-stdin: no password on stdin") }
            credentials = RegistryCredentials(username: username, secret: password)
        } else {
            credentials = try DockerConfigCredentials(configPath: dockerConfig ?? DockerConfigCredentials.defaultPath())
                .credentials(for: image.registry)
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw RegistryError(.badInput, "--ca-file \(caFile): not a readable file")
        }
        return RegistryClient.Configuration(caFile: caFile, plainHTTP: allowsPlainHTTP(image), credentials: credentials)
    }
}
