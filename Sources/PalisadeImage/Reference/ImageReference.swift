import Foundation

/// Where an image comes from, parsed from what the user typed. The transport prefixes follow
/// skopeo/containers-image (`oci:`, `oci-archive:`, `docker-archive:`, `docker:`) so references
/// copy between tools; a bare directory with `oci-layout` and a bare `.tar` are detected.
public enum ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// An OCI image layout directory, optionally a tag (`org.opencontainers.image.ref.name`).
    case ociLayout(directory: String, tag: String?)
    /// A tar of an OCI image layout.
    case ociArchive(file: String, tag: String?)
    /// `docker save` output (`manifest.json` + config + layer tars), optionally naming a repo tag.
    case dockerArchive(file: String, tag: String?)
    /// An image held by a local Docker or Podman daemon, read through its API socket.
    case daemon(name: String)
    /// An image in a registry (`docker://REF`, or `HOST/REPO[:TAG][@DIGEST]` naming a registry
    /// host), read over the Distribution API by PalisadeRegistry.
    case registry(reference: String)

    /// Parses `REF` as given on the command line; `fileExists`/`isDirectory` are injected for tests.
    public static func parse(_ raw: String) throws(ImageError) -> ImageReference {
        func split(_ rest: Substring) -> (String, String?) {
            // The tag follows the last ':' unless that ':' is part of the path (a '/' after it).
            if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/"), colon != rest.startIndex {
                return (String(rest[..<colon]), String(rest[rest.index(after: colon)...]))
            }
            return (String(rest), nil)
        }
        if raw.hasPrefix("oci:") {
            let (dir, tag) = split(raw.dropFirst(4))
            guard !dir.isEmpty else { throw ImageError(.badReference, "\(raw): no directory after 'oci:'") }
            return .ociLayout(directory: dir, tag: tag)
        }
        if raw.hasPrefix("oci-archive:") {
            let (file, tag) = split(raw.dropFirst(12))
            guard !file.isEmpty else { throw ImageError(.badReference, "\(raw): no file after 'oci-archive:'") }
            return .ociArchive(file: file, tag: tag)
        }
        if raw.hasPrefix("docker-archive:") {
            let rest = raw.dropFirst(15)
            // docker-archive:FILE[:repo:tag] — the tag itself may contain ':'.
            if let firstColon = rest.firstIndex(of: ":"), !rest[..<firstColon].isEmpty {
                let file = String(rest[..<firstColon])
                if FileManager.default.fileExists(atPath: file) {
                    return .dockerArchive(file: file, tag: String(rest[rest.index(after: firstColon)...]))
                }
            }
            guard !rest.isEmpty else { throw ImageError(.badReference, "\(raw): no file after 'docker-archive:'") }
            return .dockerArchive(file: String(rest), tag: nil)
        }
        if raw.hasPrefix("docker://") {
            let rest = String(raw.dropFirst(9))
            guard !rest.isEmpty else { throw ImageError(.badReference, "\(raw): no image after 'docker://'") }
            return .registry(reference: rest)
        }
        if raw.hasPrefix("docker:") || raw.hasPrefix("podman:") {
            let name = String(raw.drop(while: { $0 != ":" }).dropFirst())
            guard !name.isEmpty else { throw ImageError(.badReference, "\(raw): no image name after the transport") }
            return .daemon(name: name)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: raw, isDirectory: &isDir) {
            if isDir.boolValue {
                if FileManager.default.fileExists(atPath: raw + "/oci-layout") {
                    return .ociLayout(directory: raw, tag: nil)
                }
                if FileManager.default.fileExists(atPath: raw + "/manifest.json") {
                    return .dockerArchive(file: raw, tag: nil)
                }
                throw ImageError(
                    .badReference, "\(raw): a directory without 'oci-layout' or 'manifest.json' is not an image")
            }
            return try detectArchive(raw)
        }
        // `oci:DIR:TAG` typed without the transport, or a registry reference (later issue).
        let (path, tag) = split(raw[...])
        if tag != nil, FileManager.default.fileExists(atPath: path + "/oci-layout") {
            return .ociLayout(directory: path, tag: tag)
        }
        if Self.namesRegistryHost(raw) { return .registry(reference: raw) }
        if raw.contains("/") || raw.contains(":") {
            throw ImageError(
                .badReference,
                "\(raw): no such file or directory (for a registry image name its host, e.g. docker.io/library/alpine:3.20, or use docker://)"
            )
        }
        throw ImageError(.badReference, "\(raw): no such file or directory")
    }

    /// `HOST[:PORT]/REPO…` whose first component is a host name (has a dot or a port, or is
    /// localhost): how registry references are told from relative paths, as Docker does.
    static func namesRegistryHost(_ raw: String) -> Bool {
        guard let slash = raw.firstIndex(of: "/"), raw.index(after: slash) < raw.endIndex else { return false }
        let host = raw[..<slash]
        guard let first = host.utf8.first, (first >= 48 && first <= 57) || (first >= 97 && first <= 122) else {
            return false
        }
        return host.contains(".") || host.contains(":") || host == "localhost"
    }

    /// A plain tar file: `manifest.json` at its top makes it a docker archive, `oci-layout` an OCI archive.
    static func detectArchive(_ file: String) throws(ImageError) -> ImageReference {
        let index: TarFileIndex
        do { index = try TarFileIndex(path: file, stopAfterNames: ["manifest.json", "oci-layout"]) } catch {
            throw error
        }
        if index.entry("manifest.json") != nil { return .dockerArchive(file: file, tag: nil) }
        if index.entry("oci-layout") != nil { return .ociArchive(file: file, tag: nil) }
        throw ImageError(
            .badReference, "\(file): a tar without 'manifest.json' or 'oci-layout' is not an image archive")
    }

    public var description: String {
        switch self {
        case .ociLayout(let d, let t): "oci:\(d)\(t.map { ":" + $0 } ?? "")"
        case .ociArchive(let f, let t): "oci-archive:\(f)\(t.map { ":" + $0 } ?? "")"
        case .dockerArchive(let f, let t): "docker-archive:\(f)\(t.map { ":" + $0 } ?? "")"
        case .daemon(let n): "docker:\(n)"
        case .registry(let r): "docker://\(r)"
        }
    }
}
