import Foundation

/// What is remembered about an interrupted download, next to its `.part` file, so the next attempt can ask
/// for the rest (`Range` + `If-Range`) and still verify the whole file against the digest the first response declared.
struct PartialDownload: Codable, Equatable {
    var url: String
    var etag: String?
    var lastModified: String?
    var md5Base64: String?
    var totalBytes: Int64?

    static func metadataPath(forPart part: String) -> String { part + ".meta" }

    /// Reads the sidecar; a missing, unreadable or oversized one means "no resumable state".
    static func load(partPath: String) -> PartialDownload? {
        let path = metadataPath(forPart: partPath)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, size <= 64 * 1024,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return try? JSONDecoder().decode(PartialDownload.self, from: data)
    }

    func save(partPath: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        _ = FileManager.default.createFile(atPath: Self.metadataPath(forPart: partPath), contents: data)
    }

    static func discard(partPath: String) {
        unlink(partPath)
        unlink(metadataPath(forPart: partPath))
    }
}
