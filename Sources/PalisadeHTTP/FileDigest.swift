import Crypto
import Foundation

/// SHA-256 and MD5 of a file in one streaming pass (archives are hundreds of MB; never loaded whole).
public struct FileDigest: Equatable, Sendable {
    /// Lowercase hex.
    public var sha256: String
    /// Standard base64, the form `x-goog-hash` and `Content-MD5` use.
    public var md5Base64: String
    public var bytes: Int64

    public static func compute(path: String) throws(HTTPError) -> FileDigest {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .fileSystem(path: path, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        var total: Int64 = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileSystem(path: path, detail: "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            let slice = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            sha.update(bufferPointer: slice)
            md5.update(bufferPointer: slice)
            total += Int64(count)
        }
        let shaHex = sha.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        let md5Base64 = Data(md5.finalize()).base64EncodedString()
        return FileDigest(sha256: shaHex, md5Base64: md5Base64, bytes: total)
    }
}
