import PalisadeCore
import PalisadeFormats

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// One line of an audit log, handed to the caller without copying when it sits inside one read
/// chunk. `bytes` is valid only during the callback.
public struct AuditLogLine {
    /// The line without its `\n` (and without a trailing `\r`); empty when `overlong`.
    public var bytes: UnsafeRawBufferPointer
    /// 1-based line number in the (decompressed) file.
    public var number: Int
    /// The line was longer than the reader's cap and was dropped unread.
    public var overlong: Bool
}

/// Streams the lines of audit log files: plain or gzip (rotated `audit-….log.gz`), told apart by
/// the gzip magic bytes rather than the name, because rotation tools and log shippers name files
/// freely. Memory stays bounded whatever the file size: one read chunk, plus at most `maxLineBytes`
/// for a line that straddles chunks; a longer line is dropped and reported as overlong, since one
/// runaway line must not take the whole replay down.
public struct AuditLogReader {
    /// Largest line kept. The API server caps a request body at 3 MiB and the audit event holds
    /// at most a request and a response object, so 16 MiB only trips on a broken file.
    public var maxLineBytes: Int
    /// Bytes read per `read(2)`.
    public var chunkBytes: Int

    public init(maxLineBytes: Int = 16 << 20, chunkBytes: Int = 1 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.chunkBytes = max(4096, chunkBytes)
    }

    /// What one file held.
    public struct FileStats: Sendable, Hashable {
        /// Bytes as stored (compressed for gzip).
        public var storedBytes: Int64 = 0
        /// Bytes after decompression: what the lines were cut from.
        public var bytes: Int64 = 0
        public var lines = 0
        public var gzip = false
    }

    /// Calls `body` for every line of `path` (`-` is standard input). Throws `InputError` when the
    /// file cannot be opened or read, or its gzip stream is corrupt or truncated; lines already
    /// delivered stay delivered.
    public func forEachLine(path: String, _ body: (AuditLogLine) -> Void) throws(InputError) -> FileStats {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw InputError(file: path, reason: "cannot open: \(String(cString: strerror(errno)))")
            }
        }
        defer { if fd != 0 { close(fd) } }
        return try forEachLine(fd: fd, name: path, body)
    }

    /// Same as `forEachLine(path:_:)` on an open descriptor (not closed here).
    public func forEachLine(fd: Int32, name: String, _ body: (AuditLogLine) -> Void) throws(InputError) -> FileStats {
        var stats = FileStats()
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        var decoder: GzipStreamDecoder?
        var first = true
        while true {
            let n = systemRead(fd, buffer.baseAddress!, chunkBytes)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : String(cString: strerror(errno))
                throw InputError(file: name, reason: "cannot read: \(reason)")
            }
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            stats.storedBytes += Int64(n)
            if first {
                first = false
                // A gzip member starts 1f 8b; a JSON line never does. A 1-byte first read of a
                // pipe could split the magic, so a lone 0x1f is treated as gzip too (JSON cannot
                // start with it either).
                if chunk[0] == 0x1F && (n == 1 || chunk[1] == 0x8B) {
                    // Audit logs compress ~10-20x; the cap only stops a decompression bomb.
                    decoder = GzipStreamDecoder(maxOutputBytes: 1 << 42)
                    stats.gzip = true
                }
            }
            if let decoder {
                do {
                    try decoder.feed(chunk) { out in
                        stats.bytes += Int64(out.count)
                        splitter.push(out, body)
                    }
                } catch {
                    throw InputError(file: name, reason: "\(error)")
                }
            } else {
                stats.bytes += Int64(n)
                splitter.push(chunk, body)
            }
        }
        if let decoder {
            do throws(GzipError) {
                try decoder.finish()
            } catch {
                throw InputError(file: name, reason: "\(error)")
            }
        }
        splitter.finish(body)
        stats.lines = splitter.lineNumber
        return stats
    }
}

/// Cuts a byte stream into lines. Lines inside one chunk are passed straight from the chunk;
/// only a line that straddles chunks is copied into `carry`.
struct LineSplitter {
    let maxLineBytes: Int
    var carry: [UInt8] = []
    /// The current line passed `maxLineBytes`; its bytes are dropped until the next newline.
    var overlong = false
    var lineNumber = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func push(_ chunk: UnsafeRawBufferPointer, _ body: (AuditLogLine) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            guard let hit = memchr(base + start, 0x0A, chunk.count - start) else {
                keep(UnsafeRawBufferPointer(rebasing: chunk[start...]))
                return
            }
            let end = base.distance(to: UnsafeRawPointer(hit))
            if overlong || !carry.isEmpty {
                keep(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
                emitCarry(body)
            } else if end - start > maxLineBytes {
                lineNumber += 1
                body(
                    AuditLogLine(
                        bytes: UnsafeRawBufferPointer(start: nil, count: 0), number: lineNumber, overlong: true))
            } else {
                emit(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), body)
            }
            start = end + 1
        }
    }

    /// End of input: a last line without a newline is still a line (a truncated write shows up
    /// as a malformed line, not as silence).
    mutating func finish(_ body: (AuditLogLine) -> Void) {
        if overlong || !carry.isEmpty { emitCarry(body) }
    }

    private mutating func keep(_ part: UnsafeRawBufferPointer) {
        guard !overlong else { return }
        if carry.count + part.count > maxLineBytes {
            overlong = true
            carry = []
        } else {
            carry.append(contentsOf: part)
        }
    }

    private mutating func emitCarry(_ body: (AuditLogLine) -> Void) {
        if overlong {
            lineNumber += 1
            body(AuditLogLine(bytes: UnsafeRawBufferPointer(start: nil, count: 0), number: lineNumber, overlong: true))
            overlong = false
        } else {
            carry.withUnsafeBytes { emit($0, body) }
        }
        carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
    }

    private mutating func emit(_ line: UnsafeRawBufferPointer, _ body: (AuditLogLine) -> Void) {
        lineNumber += 1
        var line = line
        if let last = line.last, last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        body(AuditLogLine(bytes: line, number: lineNumber, overlong: false))
    }
}
