/// Validators from a previous successful download, sent as `If-None-Match` / `If-Modified-Since`
/// so an unchanged archive costs one round trip and no body.
public struct ConditionalHeaders: Equatable, Sendable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}
