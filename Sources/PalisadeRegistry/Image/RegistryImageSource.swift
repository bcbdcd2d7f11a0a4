import Crypto
import Foundation
import PalisadeHTTP
import PalisadeImage
import Synchronization

/// An image read straight from a registry: the manifest (through an index when the tag is
/// multi-platform), the config and every layer blob, each verified against its digest before
/// any scan result exists. Every layer starts downloading as soon as the manifest is known (a few
/// at a time) and streams into the layer walker while it arrives; see `StreamingBlob`.
public struct RegistryImageSource: ImageSource {
    public let reference: String
    public let image: RegistryReference
    public let client: RegistryClient
    /// Layer downloads started when the manifest is resolved, taken by `openLayer`.
    private let downloads = LayerDownloads()

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
            for layer in layers {
                try downloads.start(layer.digest!, size: layer.size, source: self)
            }
            return ResolvedImage(
                manifestDigest: digest, configDigest: configDigest, configBytes: configBytes, layers: layers,
                tags: image.tag.map { [image.registry + "/" + image.repository + ":" + $0] } ?? [])
        } catch let error as ImageError {
            throw error
        } catch let error as RegistryError {
            throw error.imageError
        } catch {
            throw ImageError(.unreadable, "\(reference): \(error)")
        }
    }

    public func openLayer(_ layer: LayerDescriptor) throws(ImageError) -> any BlobReader {
        guard let digest = layer.digest else { throw ImageError(.malformed, "\(reference): a layer has no digest") }
        do {
            return try downloads.take(digest, size: layer.size, source: self).reader()
        } catch {
            throw error.imageError
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

    static func sha256(_ bytes: [UInt8]) -> String { digestText(SHA256.hash(data: bytes)) }

    /// `sha256:<64 lowercase hex>`, the form manifests and registries use.
    static func digestText(_ digest: SHA256.Digest) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        out.reserveCapacity(71)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func verify(_ bytes: [UInt8], digest: String, what: String) throws(RegistryError) {
        let actual = sha256(bytes)
        guard actual == digest else {
            throw RegistryError(.integrity, "\(what): digest mismatch: expected \(digest), received \(actual); refused")
        }
    }

    func startDownload(_ digest: String, size: Int64, gate: DispatchSemaphore) throws(RegistryError) -> StreamingBlob {
        try StreamingBlob.start(
            client: client, path: "/v2/\(image.repository)/blobs/\(digest)", scope: scope, digest: digest,
            declaredSize: size, what: "\(reference): layer \(digest)", gate: gate)
    }
}

/// Downloads in flight for one source, at most four at a time.
final class LayerDownloads: Sendable {
    private let started = Mutex<[String: StreamingBlob]>([:])
    private let gate = DispatchSemaphore(value: 4)

    func start(_ digest: String, size: Int64, source: RegistryImageSource) throws(RegistryError) {
        guard started.withLock({ $0[digest] == nil }) else { return }
        let blob = try source.startDownload(digest, size: size, gate: gate)
        started.withLock { $0[digest] = $0[digest] ?? blob }
    }

    /// The started download (handed out once: a layer listed twice downloads again).
    func take(_ digest: String, size: Int64, source: RegistryImageSource) throws(RegistryError) -> StreamingBlob {
        if let blob = started.withLock({ $0.removeValue(forKey: digest) }) { return blob }
        return try source.startDownload(digest, size: size, gate: gate)
    }
}
