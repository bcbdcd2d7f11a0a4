import Crypto
import Foundation
import PalisadeHTTP
import PalisadeImage

/// An image read straight from a registry: the manifest (through an index when the tag is
/// multi-platform), the config and every layer blob, each verified against its digest before
/// any analyzer sees a byte. Layers download to unlinked temporary files (nothing stays on disk,
/// even after a crash) and stream into the layer walker from there.
public struct RegistryImageSource: ImageSource {
    public let reference: String
    public let image: RegistryReference
    public let client: RegistryClient

    /// Largest manifest or index accepted (the distribution spec suggests 4 MiB).
    public static let manifestCap = 4 << 20
    /// Largest image config accepted.
    public static let configCap = 16 << 20

    static let manifestTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ]

    public init(image: RegistryReference, reference: String, client: RegistryClient) {
        self.image = image
        self.reference = reference
        self.client = client
    }

    var scope: String { "repository:\(image.repository):pull" }

    public func resolve(platform: Platform) throws(ImageError) -> ResolvedImage {
        do {
            var (digest, document) = try manifest(image.manifestReference, pinned: image.digest)
            var depth = 0
            while let entries = document["manifests"] as? [[String: Any]] {
                depth += 1
                guard depth < 4 else {
                    throw RegistryError(.integrity, "\(reference): image indexes nested too deeply")
                }
                let pick = try Self.select(platform, from: entries, reference: reference)
                (digest, document) = try manifest(pick, pinned: pick)
            }
            if (document["schemaVersion"] as? Int) == 1 {
                throw ImageError(
                    .unsupported, "\(reference): Docker schema 1 manifests are not supported (re-push the image)")
            }
            guard let config = document["config"] as? [String: Any], let configDigest = config["digest"] as? String,
                RegistryReference.isDigest(configDigest)
            else {
                throw RegistryError(.integrity, "\(reference): manifest \(digest) has no usable config descriptor")
            }
            let configBytes = try client.get(
                "/v2/\(image.repository)/blobs/\(configDigest)", scope: scope, maxBytes: Self.configCap
            ).body
            try Self.verify(configBytes, digest: configDigest, what: "\(reference): config blob")
            guard let layerList = document["layers"] as? [[String: Any]] else {
                throw RegistryError(.integrity, "\(reference): manifest \(digest) has no layers")
            }
            var layers: [LayerDescriptor] = []
            for l in layerList {
                guard let ld = l["digest"] as? String, RegistryReference.isDigest(ld) else {
                    throw RegistryError(
                        .integrity, "\(reference): manifest \(digest) has a layer without a sha256 digest")
                }
                let size = (l["size"] as? NSNumber)?.int64Value ?? -1
                guard size >= 0 else {
                    throw RegistryError(.integrity, "\(reference): manifest \(digest) has a layer without a size")
                }
                layers.append(
                    LayerDescriptor(digest: ld, mediaType: l["mediaType"] as? String ?? "", size: size, location: ld))
            }
            return ResolvedImage(
                manifestDigest: digest, configDigest: configDigest, configBytes: configBytes, layers: layers,
                tags: image.tag.map { [image.registry + "/" + image.repository + ":" + $0] } ?? [])
        } catch let error as ImageError {
            throw error
        } catch let error as RegistryError {
            throw Self.imageError(error)
        } catch {
            throw ImageError(.unreadable, "\(reference): \(error)")
        }
    }

    public func openLayer(_ layer: LayerDescriptor) throws(ImageError) -> any BlobReader {
        guard let digest = layer.digest else { throw ImageError(.malformed, "\(reference): a layer has no digest") }
        do {
            return try VerifiedBlobFile.download(
                client: client, path: "/v2/\(image.repository)/blobs/\(digest)", scope: scope, digest: digest,
                declaredSize: layer.size, what: "\(reference): layer \(digest)")
        } catch let error as ImageError {
            throw error
        } catch let error as RegistryError {
            throw Self.imageError(error)
        } catch {
            throw ImageError(.unreadable, "\(reference): \(error)")
        }
    }

    /// Fetches a manifest by tag or digest and checks its bytes: against the pinned digest, else
    /// against the `Docker-Content-Digest` the registry declared.
    func manifest(_ ref: String, pinned: String?) throws -> (String, [String: Any]) {
        let response = try client.get(
            "/v2/\(image.repository)/manifests/\(ref)", accept: Self.manifestTypes, scope: scope,
            maxBytes: Self.manifestCap)
        let actual = Self.sha256(response.body)
        let expected = pinned ?? response[header: "docker-content-digest"]
        if let expected, expected.hasPrefix("sha256:"), expected != actual {
            throw RegistryError(
                .integrity, "\(reference): manifest digest mismatch: expected \(expected), received \(actual); refused")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw RegistryError(.integrity, "\(reference): manifest \(ref) is not a JSON object")
        }
        return (actual, object)
    }

    static func select(_ platform: Platform, from entries: [[String: Any]], reference: String) throws -> String {
        for e in entries {
            let p = e["platform"] as? [String: Any]
            if platform.matches(
                os: p?["os"] as? String, architecture: p?["architecture"] as? String, variant: p?["variant"] as? String),
                let digest = e["digest"] as? String, RegistryReference.isDigest(digest)
            {
                return digest
            }
        }
        let available = entries.compactMap { e -> String? in
            guard let p = e["platform"] as? [String: Any], let os = p["os"] as? String,
                let arch = p["architecture"] as? String, os != "unknown"
            else { return nil }
            return [os, arch, p["variant"] as? String].compactMap { $0 }.joined(separator: "/")
        }
        throw ImageError(
            .platformNotFound,
            "\(reference): no image for platform \(platform) (available: \(available.isEmpty ? "none" : available.joined(separator: ", "))); choose one with --platform"
        )
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func verify(_ bytes: [UInt8], digest: String, what: String) throws(RegistryError) {
        let actual = sha256(bytes)
        guard actual == digest else {
            throw RegistryError(.integrity, "\(what): digest mismatch: expected \(digest), received \(actual); refused")
        }
    }

    static func imageError(_ error: RegistryError) -> ImageError {
        switch error.kind {
        case .notFound: ImageError(.notFound, error.message)
        case .integrity: ImageError(.digestMismatch, error.message)
        case .limitExceeded: ImageError(.limitExceeded, error.message)
        case .badInput: ImageError(.badReference, error.message)
        default: ImageError(.unreadable, error.message)
        }
    }
}
