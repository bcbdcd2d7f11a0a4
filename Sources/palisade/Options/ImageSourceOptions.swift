import ArgumentParser
import Foundation
import PalisadeImage
import PalisadeRegistry

/// Where an image comes from and how hard to look: shared by `palisade image` and `palisade sbom`.
struct ImageSourceOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Image: HOST/REPO[:TAG][@DIGEST] or docker://REF (a registry), oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REPO:TAG], docker:NAME, an OCI layout directory or a .tar.",
            valueName: "REF"))
    var reference: String

    @Option(
        help: ArgumentHelp(
            "Platform of a multi-platform image (default: this machine's).", valueName: "OS/ARCH[/VARIANT]"))
    var platform: String?

    @Option(
        name: .customLong("docker-socket"),
        help: ArgumentHelp(
            "Docker or Podman API socket for docker:NAME (default: $DOCKER_HOST, /var/run/docker.sock, then Podman's).",
            valueName: "PATH"))
    var dockerSocket: String?

    @Option(
        name: .customLong("max-layer-size"),
        help: ArgumentHelp(
            "Largest uncompressed layer accepted, in MiB (decompression bombs stop here).", valueName: "MIB"))
    var maxLayerMiB: Int64 = 8192

    @Option(
        name: .customLong("max-layer-entries"),
        help: ArgumentHelp("Most files accepted in one layer.", valueName: "N"))
    var maxLayerEntries = 2_000_000

    @Option(help: ArgumentHelp("Layers scanned at once (default: the number of cores).", valueName: "N"))
    var jobs = 0

    @Option(help: ArgumentHelp("Registry user name (the password is read from stdin).", valueName: "NAME"))
    var username: String?

    @Flag(help: "Read the registry password from standard input (with --username).")
    var passwordStdin = false

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp("PEM CA bundle to trust for the registry (a private CA).", valueName: "FILE"))
    var registryCAFile: String?

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
        if let platform, Platform(parsing: platform) == nil {
            throw ValidationError("invalid --platform '\(platform)'; use OS/ARCH or OS/ARCH/VARIANT, e.g. linux/arm64")
        }
        guard maxLayerMiB > 0, maxLayerMiB < 1 << 30 else { throw ValidationError("--max-layer-size must be positive") }
        guard maxLayerEntries > 0 else { throw ValidationError("--max-layer-entries must be positive") }
        guard jobs >= 0 else { throw ValidationError("--jobs must not be negative") }
        if passwordStdin && username == nil { throw ValidationError("--password-stdin needs --username") }
        if username != nil && !passwordStdin { throw ValidationError("--username needs --password-stdin") }
    }

    func scanOptions(secrets: Bool, packages: Bool, configuration: Bool) -> ImageScanOptions {
        var limits = LayerScanLimits()
        limits.maxLayerBytes = maxLayerMiB << 20
        limits.maxEntriesPerLayer = maxLayerEntries
        return ImageScanOptions(
            platform: platform.flatMap(Platform.init(parsing:)) ?? .host, limits: limits, scanSecrets: secrets,
            catalogPackages: packages, checkConfiguration: configuration, jobs: jobs)
    }

    /// Resolves and scans, printing one line and exiting 2 on any image error.
    func scan(_ options: ImageScanOptions) async throws -> ImageScanResult {
        do {
            let ref = try ImageReference.parse(reference)
            let source: any ImageSource
            if case .registry(let text) = ref {
                source = try registrySource(text)
            } else {
                source = try ImageScanner.source(for: ref, as: reference, dockerSocket: dockerSocket)
            }
            let scanner = try ImageScanner(options: options)
            let line = ScanProgressLine.makeIfTerminal()
            var callback: (@Sendable (ImageScanProgress) -> Void)?
            if let line { callback = { line.update($0) } }
            let result = try await scanner.scan(source, progress: callback)
            line?.finish()
            return result
        } catch {
            // ImageError and RegistryError both render as their one-line message.
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The registry host when the image comes over plain HTTP (`--insecure-registry` named it).
    var plainHTTPHost: String? {
        guard case .registry(let text)? = try? ImageReference.parse(reference),
            let image = RegistryReference.parse(text),
            insecureRegistries.contains(image.registry) || insecureRegistries.contains(image.apiHost)
        else { return nil }
        return image.apiHost
    }

    /// The registry source: credentials from --username/--password-stdin, else Docker's config.
    func registrySource(_ text: String) throws -> any ImageSource {
        guard let image = RegistryReference.parse(text) else {
            throw RegistryError(
                .badInput, "\(reference): not a registry reference (HOST/REPOSITORY[:TAG][@sha256:DIGEST])")
        }
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
        let plain = plainHTTPHost != nil
        let client = RegistryClient(
            host: image.apiHost,
            configuration: RegistryClient.Configuration(
                caFile: registryCAFile, plainHTTP: plain, credentials: credentials))
        return RegistryImageSource(image: image, reference: reference, client: client)
    }
}
