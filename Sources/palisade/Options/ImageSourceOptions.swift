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

    @OptionGroup var registry: RegistryAccessOptions

    func validate() throws {
        if let platform, Platform(parsing: platform) == nil {
            throw ValidationError("invalid --platform '\(platform)'; use OS/ARCH or OS/ARCH/VARIANT, e.g. linux/arm64")
        }
        guard maxLayerMiB > 0, maxLayerMiB < 1 << 30 else { throw ValidationError("--max-layer-size must be positive") }
        guard maxLayerEntries > 0 else { throw ValidationError("--max-layer-entries must be positive") }
        guard jobs >= 0 else { throw ValidationError("--jobs must not be negative") }
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
            let image = RegistryReference.parse(text), registry.allowsPlainHTTP(image)
        else { return nil }
        return image.apiHost
    }

    func registrySource(_ text: String) throws -> any ImageSource {
        guard let image = RegistryReference.parse(text) else {
            throw RegistryError(
                .badInput, "\(reference): not a registry reference (HOST/REPOSITORY[:TAG][@sha256:DIGEST])")
        }
        let client = RegistryClient(host: image.apiHost, configuration: try registry.clientConfiguration(for: image))
        return RegistryImageSource(image: image, reference: reference, client: client)
    }
}
