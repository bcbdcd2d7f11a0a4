/// A container image reference split the way container runtimes read it:
/// `[registry[:port]/]repository[:tag][@digest]`, with Docker Hub (`docker.io`) implied when the first
/// path component is not a host (no `.`, no `:`, not `localhost`).
struct ImageReference: Sendable, Hashable {
    /// Lower-cased registry host (with port); `docker.io` when implicit.
    var registry: String
    /// Repository path; Docker Hub official images get their implicit `library/` prefix.
    var repository: String
    var tag: String?
    var digest: String?

    /// Parses a reference; `nil` for empty or templated values (`{{ .Values.image }}`, `$(IMAGE)`) whose real
    /// value is unknown.
    init?(_ text: String) {
        var hasSpace = false
        for b in text.utf8 where b == UInt8(ascii: "$") || b == UInt8(ascii: "{") || b <= 0x20 {
            hasSpace = true
            break
        }
        guard !text.isEmpty, !hasSpace else { return nil }
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            let d = rest[rest.index(after: at)...]
            digest = d.isEmpty ? nil : String(d)
            rest = rest[..<at]
        } else {
            digest = nil
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            let t = rest[rest.index(after: colon)...]
            tag = t.isEmpty ? nil : String(t)
            rest = rest[..<colon]
        } else {
            tag = nil
        }
        guard !rest.isEmpty else { return nil }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = first.lowercased()
                repository = String(rest[rest.index(after: slash)...])
            } else {
                registry = "docker.io"
                repository = String(rest)
            }
        } else {
            registry = "docker.io"
            repository = String(rest)
        }
        registry = Self.canonicalRegistry(registry)
        if registry == "docker.io" && !repository.contains("/") { repository = "library/" + repository }
    }

    /// Docker Hub's several host names mean the same registry.
    static func canonicalRegistry(_ host: String) -> String {
        switch host {
        case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com": "docker.io"
        default: host
        }
    }

    /// `registry/repository`, the string allow-list entries are matched against.
    var qualifiedName: String { registry + "/" + repository }

    /// Whether an allow-list entry (a host such as `ghcr.io`, or a host and path prefix such as
    /// `ghcr.io/acme`) admits this image. Prefixes match whole path components only.
    func isAllowed(by entry: RegistryAllowEntry) -> Bool {
        if entry.path.isEmpty { return registry == entry.host }
        guard registry == entry.host else { return false }
        if Self.hasComponentPrefix(repository, entry.path) { return true }
        // `docker.io/nginx` also names the official image `docker.io/library/nginx`.
        if registry == "docker.io", repository.hasPrefix("library/") {
            return Self.hasComponentPrefix(String(repository.dropFirst(8)), entry.path)
        }
        return false
    }

    private static func hasComponentPrefix(_ s: String, _ prefix: String) -> Bool {
        guard s.hasPrefix(prefix) else { return false }
        if s.count == prefix.count { return true }
        return s[s.index(s.startIndex, offsetBy: prefix.count)] == "/"
    }
}

/// One entry of `RuleContext.allowedRegistries`, normalised (scheme and trailing slashes dropped,
/// host lower-cased, Docker Hub aliases folded into `docker.io`).
struct RegistryAllowEntry: Sendable, Hashable {
    var host: String
    var path: String

    init?(_ text: String) {
        var t = Substring(text)
        for scheme in ["https://", "http://"] where t.hasPrefix(scheme) { t = t.dropFirst(scheme.count) }
        while t.hasSuffix("/") { t = t.dropLast() }
        while t.hasPrefix("/") { t = t.dropFirst() }
        guard !t.isEmpty else { return nil }
        if let slash = t.firstIndex(of: "/") {
            host = ImageReference.canonicalRegistry(t[..<slash].lowercased())
            path = String(t[t.index(after: slash)...])
        } else {
            host = ImageReference.canonicalRegistry(t.lowercased())
            path = ""
        }
    }
}
