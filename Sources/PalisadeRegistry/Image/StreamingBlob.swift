import Crypto
import Foundation
import PalisadeImage

/// One layer blob downloading in the background into an already-unlinked temporary file (nothing
/// stays on disk, even after a crash), readable while it arrives so the layer walker overlaps the
/// network. Its size and SHA-256 are checked at the end: a reader sees the end of the blob only
/// after both matched, and an error otherwise, so no scan ever completes on unverified bytes.
/// A retried attempt re-reads from the start, hashing again and writing only what is new.
final class StreamingBlob: @unchecked Sendable {
    private let fd: Int32
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var written: Int64 = 0
    private var finished = false
    private var failure: RegistryError?

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Starts the download on its own thread; `gate` bounds how many run at once.
    static func start(
        client: RegistryClient, path: String, scope: String, digest: String, declaredSize: Int64, what: String,
        gate: DispatchSemaphore
    ) throws(RegistryError) -> StreamingBlob {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + "/palisade-blob-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw RegistryError(.badInput, "\(what): cannot create a temporary file in \(directory)") }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        let blob = StreamingBlob(fd: fd)
        let thread = Thread {
            gate.wait()
            defer { gate.signal() }
            blob.run(
                client: client, path: path, scope: scope, digest: digest, declaredSize: declaredSize, what: what)
        }
        thread.stackSize = 1 << 20
        thread.start()
        return blob
    }

    private func run(
        client: RegistryClient, path: String, scope: String, digest: String, declaredSize: Int64, what: String
    ) {
        var hasher = SHA256()
        var position: Int64 = 0
        var problem: RegistryError?
        do {
            _ = try client.stream(
                path, scope: scope,
                restart: {
                    hasher = SHA256()
                    position = 0
                },
                onBody: { chunk in
                    guard position + Int64(chunk.count) <= declaredSize else {
                        problem = RegistryError(
                            .integrity,
                            "\(what): the registry sent more than the declared \(declaredSize) bytes; refused")
                        return false
                    }
                    hasher.update(bufferPointer: chunk)
                    let have = condition.withLock { written }
                    // Bytes an earlier attempt already wrote are only hashed again.
                    let skip = Int(max(0, min(Int64(chunk.count), have - position)))
                    position += Int64(chunk.count)
                    guard skip < chunk.count else { return true }
                    guard writeAll(UnsafeRawBufferPointer(rebasing: chunk[skip...])) else {
                        problem = RegistryError(
                            .badInput, "\(what): cannot write the temporary file: \(String(cString: strerror(errno)))")
                        return false
                    }
                    condition.withLock {
                        written = position
                        condition.broadcast()
                    }
                    return true
                })
            if problem == nil {
                if position != declaredSize {
                    problem = RegistryError(
                        .integrity,
                        "\(what): received \(position) bytes, the manifest declares \(declaredSize); refused")
                } else {
                    let actual = RegistryImageSource.digestText(hasher.finalize())
                    if actual != digest {
                        problem = RegistryError(.integrity, "\(what): digest mismatch: received \(actual); refused")
                    }
                }
            }
        } catch {
            problem = problem ?? error
        }
        condition.withLock {
            failure = problem
            finished = true
            condition.broadcast()
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Blocks until bytes past `offset` exist or the download ended; nil at the verified end.
    fileprivate func available(after offset: Int64) throws(ImageError) -> Int64? {
        condition.lock()
        defer { condition.unlock() }
        while written <= offset && !finished { condition.wait() }
        if let failure { throw failure.imageError }
        if written > offset { return written }
        return nil
    }

    fileprivate func pread(into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int64) -> Int {
        while true {
            let n = Glibc.pread(fd, buffer.baseAddress, count, off_t(offset))
            if n >= 0 || errno != EINTR { return n }
        }
    }

    func reader() -> any BlobReader { StreamingBlobReader(blob: self) }
}

/// Reads a `StreamingBlob` from the start, waiting for bytes still on the way.
struct StreamingBlobReader: BlobReader {
    let blob: StreamingBlob
    var offset: Int64 = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard buffer.count > 0 else { return 0 }
        // At the end of the bytes written so far, wait; at the verified end, report the end.
        guard let end = try blob.available(after: offset) else { return 0 }
        let n = blob.pread(into: buffer, count: Int(min(Int64(buffer.count), end - offset)), at: offset)
        guard n > 0 else {
            throw ImageError(
                .unreadable, "temporary blob file: \(n < 0 ? String(cString: strerror(errno)) : "short read")")
        }
        offset += Int64(n)
        return n
    }
}
