/// An OCI image layout (https://github.com/opencontainers/image-spec/blob/main/image-layout.md),
/// as a directory (`oci:DIR[:TAG]`) or as a tar archive read in place (`oci-archive:FILE[:TAG]`).
public struct OCILayoutSource: ImageSource {
    public let reference: String
    let store: any ImageStore
    let tag: String?
    static let metadataCap: Int64 = 8 << 20

    public init(directory: String, tag: String?, reference: String) {
        self.reference = reference
        self.store = DirectoryStore(root: directory)
        self.tag = tag
    }

    public init(archive: String, tag: String?, reference: String) throws(ImageError) {
        self.reference = reference
        self.store = try TarStore(path: archive)
        self.tag = tag
    }

    public func resolve(platform: Platform) throws(ImageError) -> ResolvedImage {
        guard store.exists("oci-layout") else {
            throw ImageError(.malformed, "\(store.name): no 'oci-layout' file: not an OCI image layout")
        }
        let index = try JSONDocument.object(
            store.read("index.json", cap: Self.metadataCap), what: "\(store.name): index.json")
        guard let manifests = index["manifests"] as? [[String: Any]], !manifests.isEmpty else {
            throw ImageError(.malformed, "\(store.name): index.json lists no manifests")
        }
        let chosen = try pickByTag(manifests)
        return try resolveDescriptor(chosen, platform: platform, depth: 0)
    }

    public func openLayer(_ layer: LayerDescriptor) throws(ImageError) -> any BlobReader {
        try store.open(layer.location).reader
    }

    private func refName(_ d: [String: Any]) -> String? {
        (d["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"]
    }

    private func pickByTag(_ manifests: [[String: Any]]) throws(ImageError) -> [String: Any] {
        if let tag {
            let matches = manifests.filter { d in
                guard let name = refName(d) else { return false }
                return name == tag || name.hasSuffix(":" + tag)
            }
            guard let first = matches.first else {
                let known = manifests.compactMap(refName)
                throw ImageError(
                    .notFound,
                    "\(store.name): no image tagged '\(tag)'"
                        + (known.isEmpty ? "" : " (tags: \(known.joined(separator: ", ")))"))
            }
            return first
        }
        if manifests.count == 1 { return manifests[0] }
        // Several entries without a tag: a multi-platform set written flat, or several tags.
        let tags = Set(manifests.compactMap(refName))
        if tags.count > 1 {
            throw ImageError(
                .badReference,
                "\(store.name): holds \(manifests.count) images; pick one with oci:DIR:TAG (tags: \(tags.sorted().joined(separator: ", ")))"
            )
        }
        return ["mediaType": "application/vnd.oci.image.index.v1+json", "__inline": manifests]
    }

    private func blobPath(_ digest: String) throws(ImageError) -> String {
        guard Digest.isValidSHA256(digest) else {
            throw ImageError(.malformed, "\(store.name): unsupported or malformed digest '\(digest)'")
        }
        return "blobs/sha256/" + digest.dropFirst(7)
    }

    private func readBlob(_ digest: String, what: String) throws(ImageError) -> [UInt8] {
        let path = try blobPath(digest)
        guard store.exists(path) else {
            throw ImageError(.notFound, "\(store.name): blob \(digest) (\(what)) is missing")
        }
        let bytes = try store.read(path, cap: Self.metadataCap)
        try Digest.verify(bytes, digest: digest, what: "\(store.name): \(what) blob \(digest)")
        return bytes
    }

    private func resolveDescriptor(_ d: [String: Any], platform: Platform, depth: Int) throws(ImageError)
        -> ResolvedImage
    {
        guard depth < 4 else { throw ImageError(.malformed, "\(store.name): image indexes nested too deeply") }
        let mediaType = d["mediaType"] as? String ?? ""
        var entries: [[String: Any]]
        var manifestDigest: String?
        if let inline = d["__inline"] as? [[String: Any]] {
            entries = inline
        } else {
            guard let digest = d["digest"] as? String else {
                throw ImageError(.malformed, "\(store.name): a manifest descriptor has no digest")
            }
            let bytes = try readBlob(digest, what: "manifest")
            let doc = try JSONDocument.object(bytes, what: "\(store.name): manifest \(digest)")
            if let manifests = doc["manifests"] as? [[String: Any]] {
                entries = manifests
            } else {
                _ = mediaType
                return try resolveManifest(doc, digest: digest)
            }
            manifestDigest = digest
        }
        _ = manifestDigest
        // An index: pick the platform.
        let candidates = entries.filter { e in
            let p = e["platform"] as? [String: Any]
            return platform.matches(
                os: p?["os"] as? String, architecture: p?["architecture"] as? String, variant: p?["variant"] as? String)
        }
        guard let pick = candidates.first else {
            let available = entries.compactMap { e -> String? in
                guard let p = e["platform"] as? [String: Any], let os = p["os"] as? String,
                    let arch = p["architecture"] as? String
                else { return nil }
                return [os, arch, p["variant"] as? String].compactMap { $0 }.joined(separator: "/")
            }
            // Attestation manifests (`unknown/unknown`) are not images.
            let images = available.filter { $0 != "unknown/unknown" }
            throw ImageError(
                .platformNotFound,
                "\(reference): no image for platform \(platform) (available: \(images.isEmpty ? "none" : images.joined(separator: ", "))); choose one with --platform"
            )
        }
        return try resolveDescriptor(pick, platform: platform, depth: depth + 1)
    }

    private func resolveManifest(_ doc: [String: Any], digest: String) throws(ImageError) -> ResolvedImage {
        guard let config = doc["config"] as? [String: Any], let configDigest = config["digest"] as? String else {
            throw ImageError(.malformed, "\(store.name): manifest \(digest) has no config descriptor")
        }
        let configBytes = try readBlob(configDigest, what: "config")
        guard let layerList = doc["layers"] as? [[String: Any]] else {
            throw ImageError(.malformed, "\(store.name): manifest \(digest) has no layers")
        }
        var layers: [LayerDescriptor] = []
        for l in layerList {
            guard let ld = l["digest"] as? String else {
                throw ImageError(.malformed, "\(store.name): manifest \(digest) has a layer without a digest")
            }
            let path = try blobPath(ld)
            guard store.exists(path) else {
                throw ImageError(.notFound, "\(store.name): layer blob \(ld) is missing")
            }
            layers.append(
                LayerDescriptor(
                    digest: ld, mediaType: l["mediaType"] as? String ?? "", size: JSONDocument.int64(l["size"]) ?? 0,
                    location: path))
        }
        return ResolvedImage(
            manifestDigest: digest, configDigest: configDigest, configBytes: configBytes, layers: layers,
            tags: tag.map { [$0] } ?? [])
    }
}
