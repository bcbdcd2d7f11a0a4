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
    /// value is unknown. Parsed once per container (`ContainerFacts`), on bytes for ASCII references.
    init?(_ text: String) {
        var ascii = true
        for b in text.utf8 {
            if b == UInt8(ascii: "$") || b == UInt8(ascii: "{") || b <= 0x20 { return nil }
            if b >= 0x80 { ascii = false }
        }
        guard !text.isEmpty else { return nil }
        if ascii {
            guard let parsed = Self.parseASCII(text) else { return nil }
            self = parsed
        } else {
            guard let parsed = Self.parseCharacters(text) else { return nil }
            self = parsed
        }
    }

    private init(registry: String, repository: String, tag: String?, digest: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// The parse on UTF-8 bytes. For ASCII text without spaces or control characters every byte is its own
    /// `Character`, so this splits exactly where `parseCharacters` does. Offsets, not `String.Index`: this
    /// runs for every container of every admission review.
    static func parseASCII(_ text: String) -> ImageReference? {
        var text = text
        return text.withUTF8 { u -> ImageReference? in
            func string(_ from: Int, _ to: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: u[from..<to]), as: UTF8.self)
            }
            var end = u.count
            var digest: String?
            var lastSlash = -1
            var lastColon = -1
            var firstSlash = -1
            var i = 0
            while i < end {
                switch u[i] {
                case UInt8(ascii: "@"):
                    digest = i + 1 == end ? nil : string(i + 1, end)
                    end = i
                case UInt8(ascii: "/"):
                    lastSlash = i
                    if firstSlash < 0 { firstSlash = i }
                case UInt8(ascii: ":"): lastColon = i
                default: break
                }
                i += 1
            }
            var tag: String?
            if lastColon >= 0, lastColon > lastSlash {
                tag = lastColon + 1 == end ? nil : string(lastColon + 1, end)
                end = lastColon
            }
            guard end > 0 else { return nil }
            var registry = "docker.io"
            var repository: String
            if firstSlash >= 0, firstSlash < end {
                var isHost = false
                for j in 0..<firstSlash where u[j] == UInt8(ascii: ".") || u[j] == UInt8(ascii: ":") {
                    isHost = true
                    break
                }
                let first = string(0, firstSlash)
                if isHost || first == "localhost" {
                    registry = canonicalRegistry(first.lowercased())
                    repository = string(firstSlash + 1, end)
                } else {
                    repository = string(0, end)
                }
            } else {
                repository = string(0, end)
            }
            if registry == "docker.io" && !repository.utf8.contains(UInt8(ascii: "/")) {
                repository = "library/" + repository
            }
            return ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
        }
    }

    /// The general parse, on `Character`s (references with non-ASCII text).
    static func parseCharacters(_ text: String) -> ImageReference? {
        var rest = Substring(text)
        let digest: String?
        let tag: String?
        var registry: String
        var repository: String
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
        return ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
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
