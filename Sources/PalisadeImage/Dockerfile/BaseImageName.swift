/// The parts of an image reference that pinning rules look at: `registry/repo:tag@sha256:…`.
public struct BaseImageName: Sendable, Hashable {
    /// Everything before the tag and digest (`docker.io/library/python`).
    public var repository: String
    /// The tag, nil when absent (then Docker pulls `latest`).
    public var tag: String?
    /// The digest (`sha256:…`), nil when absent.
    public var digest: String?

    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = nil
        }
        // A ':' after the last '/' is a tag; before it, a registry port.
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = nil
        }
        repository = String(rest)
    }
}
