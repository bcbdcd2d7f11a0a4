/// An image in a registry, as Docker and skopeo spell it: `[HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST]`.
/// Docker Hub names are normalised the way `docker pull` does (`alpine` is
/// `docker.io/library/alpine:latest`), so the same reference pulls the same image in both tools.
public struct RegistryReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry as named (`ghcr.io`, `127.0.0.1:5000`, `docker.io`).
    public var registry: String
    public var repository: String
    public var tag: String?
    public var digest: String?

    /// Host and port the API is reached at: Docker Hub's API lives on `registry-1.docker.io`.
    public var apiHost: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// The digest when pinned, else the tag (`latest` when neither was given).
    public var manifestReference: String { digest ?? tag ?? "latest" }

    public var description: String {
        registry + "/" + repository + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
    }

    /// nil when `text` is not a registry reference (a path, an empty name, bad characters).
    public static func parse(_ text: String) -> RegistryReference? {
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let d = String(rest[rest.index(after: at)...])
            guard Self.isDigest(d) else { return nil }
            digest = d
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let t = String(rest[rest.index(after: colon)...])
            guard Self.isTag(t) else { return nil }
            tag = t
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty, components.allSatisfy({ !$0.isEmpty }) else { return nil }
        var registry = "docker.io"
        if components.count > 1,
            components[0].contains(".") || components[0].contains(":") || components[0] == "localhost"
        {
            registry = components.removeFirst()
            guard Self.isHost(registry) else { return nil }
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = "docker.io" }
        if registry == "docker.io" && components.count == 1 { components.insert("library", at: 0) }
        guard components.allSatisfy(Self.isPathComponent) else { return nil }
        if tag == nil && digest == nil { tag = "latest" }
        return RegistryReference(
            registry: registry, repository: components.joined(separator: "/"), tag: tag, digest: digest)
    }

    public init(registry: String, repository: String, tag: String?, digest: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (the distribution spec's tag grammar).
    static func isTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...128).contains(bytes.count), bytes[0] != UInt8(ascii: "."), bytes[0] != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
    }

    /// Lowercase alphanumerics separated by `.`, `_`, `__` or runs of `-`.
    static func isPathComponent(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return false
        }
        return bytes.allSatisfy {
            isLowerAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    public static func isHost(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        return bytes.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":")
                || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
        }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        isLowerAlnum(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
