/// `docker save` / `podman save` output: `manifest.json` naming a config and layer tars, as a tar
/// read in place (`docker-archive:FILE[:repo:tag]`) or an extracted directory. Newer Docker writes
/// an OCI layout alongside; `manifest.json` is read either way because every version has it.
public struct DockerArchiveSource: ImageSource {
    public let reference: String
    let store: any ImageStore
    let tag: String?
    static let metadataCap: Int64 = 8 << 20

    public init(path: String, tag: String?, reference: String, isDirectory: Bool) throws(ImageError) {
        self.reference = reference
        self.store = isDirectory ? DirectoryStore(root: path) : try TarStore(path: path)
        self.tag = tag
    }

    public func resolve(platform: Platform) throws(ImageError) -> ResolvedImage {
        guard store.exists("manifest.json") else {
            throw ImageError(.malformed, "\(store.name): no manifest.json: not a docker save archive")
        }
        let list = try JSONDocument.array(
            store.read("manifest.json", cap: Self.metadataCap), what: "\(store.name): manifest.json")
        let entries = list.compactMap { $0 as? [String: Any] }
        guard !entries.isEmpty else { throw ImageError(.malformed, "\(store.name): manifest.json lists no images") }
        let entry: [String: Any]
        if let tag {
            guard
                let e = entries.first(where: { e in
                    (e["RepoTags"] as? [String] ?? []).contains { $0 == tag || $0.hasSuffix("/" + tag) }
                })
            else {
                let tags = entries.flatMap { $0["RepoTags"] as? [String] ?? [] }
                throw ImageError(
                    .notFound, "\(store.name): no image tagged '\(tag)' (tags: \(tags.joined(separator: ", ")))")
            }
            entry = e
        } else {
            guard entries.count == 1 else {
                let tags = entries.flatMap { $0["RepoTags"] as? [String] ?? [] }
                throw ImageError(
                    .badReference,
                    "\(store.name): holds \(entries.count) images; pick one with docker-archive:FILE:REPO:TAG (tags: \(tags.joined(separator: ", ")))"
                )
            }
            entry = entries[0]
        }
        guard let configPath = entry["Config"] as? String, let layerPaths = entry["Layers"] as? [String] else {
            throw ImageError(.malformed, "\(store.name): manifest.json entry lacks Config or Layers")
        }
        guard store.exists(configPath) else {
            throw ImageError(.notFound, "\(store.name): config \(configPath) is missing")
        }
        let configBytes = try store.read(configPath, cap: Self.metadataCap)
        var configDigest: String? = Self.digest(fromPath: configPath)
        if let d = configDigest {
            try Digest.verify(configBytes, digest: d, what: "\(store.name): config \(configPath)")
        } else {
            configDigest = Digest.sha256(configBytes)
        }
        var layers: [LayerDescriptor] = []
        for path in layerPaths {
            guard store.exists(path) else { throw ImageError(.notFound, "\(store.name): layer \(path) is missing") }
            let size = try store.open(path).size
            layers.append(
                LayerDescriptor(
                    digest: Self.digest(fromPath: path), mediaType: "application/vnd.docker.image.rootfs.diff.tar",
                    size: size, location: path))
        }
        return ResolvedImage(
            manifestDigest: nil, configDigest: configDigest, configBytes: configBytes, layers: layers,
            tags: entry["RepoTags"] as? [String] ?? [])
    }

    public func openLayer(_ layer: LayerDescriptor) throws(ImageError) -> any BlobReader {
        try store.open(layer.location).reader
    }

    /// `blobs/sha256/<hex>` and `<hex>.json` name their digest; legacy `<id>/layer.tar` does not.
    static func digest(fromPath path: String) -> String? {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let hex = last.hasSuffix(".json") ? String(last.dropLast(5)) : last
        let candidate = "sha256:" + hex
        return Digest.isValidSHA256(candidate) ? candidate : nil
    }
}
