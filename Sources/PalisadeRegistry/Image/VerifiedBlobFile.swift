import Crypto
import Foundation
import PalisadeImage

/// A blob downloaded into an already-unlinked temporary file while its SHA-256 is computed; handed
/// out only when size and digest match the manifest's descriptor. A retried attempt starts over.
final class VerifiedBlobFile: @unchecked Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    static func download(
        client: RegistryClient, path: String, scope: String, digest: String, declaredSize: Int64, what: String
    ) throws -> any BlobReader {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + "/palisade-blob-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw RegistryError(.badInput, "\(what): cannot create a temporary file in \(directory)")
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        let file = VerifiedBlobFile(fd: fd)
        var hasher = SHA256()
        var written: Int64 = 0
        var writeFailure: String?
        var oversize = false
        _ = try client.stream(
            path, scope: scope,
            restart: {
                hasher = SHA256()
                written = 0
                _ = ftruncate(fd, 0)
                _ = lseek(fd, 0, SEEK_SET)
            },
            onBody: { chunk in
                written += Int64(chunk.count)
                guard written <= declaredSize else {
                    oversize = true
                    return false
                }
                hasher.update(bufferPointer: chunk)
                var offset = 0
                while offset < chunk.count {
                    let n = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        writeFailure = String(cString: strerror(errno))
                        return false
                    }
                    offset += n
                }
                return true
            })
        if oversize {
            throw RegistryError(
                .integrity, "\(what): the registry sent more than the declared \(declaredSize) bytes; refused")
        }
        if let writeFailure {
            throw RegistryError(.badInput, "\(what): cannot write the temporary file: \(writeFailure)")
        }
        guard written == declaredSize else {
            throw RegistryError(
                .integrity, "\(what): received \(written) bytes, the manifest declares \(declaredSize); refused")
        }
        let actual = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard actual == digest else {
            throw RegistryError(.integrity, "\(what): digest mismatch: received \(actual); refused")
        }
        return BlobFileReader(file: file)
    }

    func pread(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        while true {
            let n = Glibc.pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 || errno != EINTR { return n }
        }
    }
}

/// Reads a verified blob file from the start.
struct BlobFileReader: BlobReader {
    let file: VerifiedBlobFile
    var offset: Int64 = 0

    init(file: VerifiedBlobFile) { self.file = file }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard buffer.count > 0 else { return 0 }
        let n = file.pread(into: buffer, at: offset)
        guard n >= 0 else { throw ImageError(.unreadable, "temporary blob file: \(String(cString: strerror(errno)))") }
        offset += Int64(n)
        return n
    }
}
