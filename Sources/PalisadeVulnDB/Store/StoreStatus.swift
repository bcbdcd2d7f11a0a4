/// What `palisade db status` shows: how much the database holds and where it came from.
public struct StoreStatus: Sendable, Hashable {
    /// Advisories per OSV ecosystem; an advisory counts once for each ecosystem it affects.
    public var advisoriesPerEcosystem: [String: Int]
    public var totalAdvisories: Int
    /// Bytes of database pages in use (main file plus pages still in the write-ahead log).
    public var fileSizeBytes: Int64
    public var builtAt: String?
    public var lastImportAt: String?
    public var schemaVersion: Int
    public var sources: [AdvisorySource]
}

/// Bookkeeping for one downloaded feed, kept so an update can ask the server for changes only.
public struct AdvisorySource: Sendable, Hashable {
    public var ecosystem: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var sha256: String?
    public var fetchedAt: String

    public init(
        ecosystem: String, url: String, etag: String? = nil, lastModified: String? = nil, sha256: String? = nil,
        fetchedAt: String
    ) {
        self.ecosystem = ecosystem
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
        self.fetchedAt = fetchedAt
    }
}
