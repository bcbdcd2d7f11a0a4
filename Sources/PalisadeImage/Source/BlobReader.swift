import Foundation

/// A forward-only byte stream of one blob (a layer, a config). Sources hand these out so layers
/// stream from a file, a range of a tar archive, or (later) a registry response alike.
public protocol BlobReader {
    /// Reads up to `buffer.count` bytes; 0 means end of blob.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
}

/// A byte range of a regular file, read with `pread` so several readers share one file safely.
public struct FileRangeReader: BlobReader {
    private let file: SharedFile
    private var offset: Int64
    private let end: Int64

    init(file: SharedFile, offset: Int64, length: Int64) {
        self.file = file
        self.offset = offset
        self.end = offset + length
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let want = Int(min(Int64(buffer.count), end - offset))
        guard want > 0, let base = buffer.baseAddress else { return 0 }
        let n = try file.pread(into: base, count: want, at: offset)
        if n == 0 {
            throw ImageError(.malformed, "\(file.path): ends early (wanted \(end - offset) more bytes)")
        }
        offset += Int64(n)
        return n
    }
}

/// An open file descriptor shared by readers of one archive; closed when the last user goes.
final class SharedFile: Sendable {
    let path: String
    let fd: Int32
    let size: Int64

    init(path: String) throws(ImageError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ImageError(errno == ENOENT ? .notFound : .unreadable, "\(path): \(reason)")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ImageError(.unreadable, "\(path): not a regular file")
        }
        self.fd = fd
        self.size = Int64(st.st_size)
    }

    deinit { close(fd) }

    func pread(into base: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws(ImageError) -> Int {
        let n = Self.rawRead(fd, base, count, offset)
        if n < 0 { throw ImageError(.unreadable, "\(path): \(String(cString: strerror(errno)))") }
        return n
    }

    /// `pread` retried on EINTR; -1 on error (errno set).
    static func rawRead(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int {
        while true {
            let n = Glibc.pread(fd, base, count, off_t(offset))
            if n >= 0 || errno != EINTR { return n }
        }
    }

    /// Reads a whole small range into memory (manifests, configs), refusing anything over `cap`.
    func readAll(offset: Int64, length: Int64, cap: Int64, what: String) throws(ImageError) -> [UInt8] {
        guard length <= cap else {
            throw ImageError(.limitExceeded, "\(what): \(length) bytes is over the \(cap)-byte limit for metadata")
        }
        var out = [UInt8](repeating: 0, count: Int(length))
        var done = 0
        while done < Int(length) {
            let n = out.withUnsafeMutableBytes { buf in
                Self.rawRead(fd, buf.baseAddress! + done, Int(length) - done, offset + Int64(done))
            }
            if n < 0 { throw ImageError(.unreadable, "\(what): \(String(cString: strerror(errno)))") }
            if n == 0 { throw ImageError(.malformed, "\(what): ends early") }
            done += n
        }
        return out
    }
}
