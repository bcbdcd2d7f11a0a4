import Foundation
import PalisadeFormats

/// A set of named files that holds an image: an OCI layout or `docker save` output, either as a
/// directory or as a tar archive read in place. The layout parsers work on this, not on disks.
protocol ImageStore: Sendable {
    /// Human name for messages (the directory or archive path).
    var name: String { get }
    func exists(_ path: String) -> Bool
    /// Whole contents of a small file (manifests, configs), refused above `cap` bytes.
    func read(_ path: String, cap: Int64) throws(ImageError) -> [UInt8]
    /// A stream of a (possibly large) file, and its size.
    func open(_ path: String) throws(ImageError) -> (reader: any BlobReader, size: Int64)
}

/// Files under a directory. Paths are store-relative and have been checked to stay inside it.
struct DirectoryStore: ImageStore {
    let root: String
    var name: String { root }

    private func full(_ path: String) throws(ImageError) -> String {
        let normalized = TarEntry.normalize(path)
        guard !normalized.escapesRoot, !path.hasPrefix("/"), !normalized.path.isEmpty else {
            throw ImageError(.malformed, "\(root): refers to '\(path)', outside the image directory")
        }
        return root + "/" + normalized.path
    }

    func exists(_ path: String) -> Bool {
        guard let p = try? full(path) else { return false }
        return FileManager.default.fileExists(atPath: p)
    }

    func read(_ path: String, cap: Int64) throws(ImageError) -> [UInt8] {
        let file = try SharedFile(path: full(path))
        return try file.readAll(offset: 0, length: file.size, cap: cap, what: file.path)
    }

    func open(_ path: String) throws(ImageError) -> (reader: any BlobReader, size: Int64) {
        let file = try SharedFile(path: full(path))
        return (FileRangeReader(file: file, offset: 0, length: file.size), file.size)
    }
}

/// Members of an uncompressed tar archive, read in place through a `TarFileIndex`.
struct TarStore: ImageStore {
    let index: TarFileIndex
    var name: String { index.file.path }

    init(path: String) throws(ImageError) {
        index = try TarFileIndex(path: path)
    }

    func exists(_ path: String) -> Bool { index.entry(path) != nil }

    func read(_ path: String, cap: Int64) throws(ImageError) -> [UInt8] {
        guard let e = index.entry(path) else { throw ImageError(.malformed, "\(name): has no member '\(path)'") }
        return try index.file.readAll(offset: e.offset, length: e.size, cap: cap, what: "\(name): \(path)")
    }

    func open(_ path: String) throws(ImageError) -> (reader: any BlobReader, size: Int64) {
        guard let e = index.entry(path) else { throw ImageError(.malformed, "\(name): has no member '\(path)'") }
        return (FileRangeReader(file: index.file, offset: e.offset, length: e.size), e.size)
    }
}

extension TarFileIndex: @unchecked Sendable {}
