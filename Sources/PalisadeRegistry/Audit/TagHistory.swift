import Foundation

/// Which digest each tag pointed to at earlier audits, kept in one small JSON file so a tag that
/// moved between two audits is reported with both digests and when each was seen.
public struct TagHistory: Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var digest: String
        public var firstSeen: String
        public var lastSeen: String
    }

    public let path: String
    /// `registry/repository:tag` → the digest last seen.
    public private(set) var entries: [String: Entry]

    /// Loads `path`; a missing file is an empty history, an unreadable one an error.
    public static func load(_ path: String) throws(RegistryError) -> TagHistory {
        guard let data = FileManager.default.contents(atPath: path) else { return TagHistory(path: path, entries: [:]) }
        do {
            return TagHistory(path: path, entries: try JSONDecoder().decode([String: Entry].self, from: data))
        } catch {
            throw RegistryError(.badInput, "\(path): not a tag history file (delete it to start over)")
        }
    }

    /// Records `digest` for `key` at `now`; returns the previous entry when the tag moved.
    public mutating func record(_ key: String, digest: String, now: String) -> Entry? {
        guard var entry = entries[key] else {
            entries[key] = Entry(digest: digest, firstSeen: now, lastSeen: now)
            return nil
        }
        if entry.digest == digest {
            entry.lastSeen = now
            entries[key] = entry
            return nil
        }
        entries[key] = Entry(digest: digest, firstSeen: now, lastSeen: now)
        return entry
    }

    /// Writes the history atomically (a temporary file renamed over the old one).
    public func save() throws(RegistryError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(entries).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RegistryError(.badInput, "\(path): cannot write the tag history (\(error.localizedDescription))")
        }
    }
}
