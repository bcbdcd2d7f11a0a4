import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The serving certificate, key and optional client CA, loaded from PEM files into one
/// `NIOSSLContext`: TLS 1.2 at least, and client certificates required when a CA is given.
struct TLSFiles: Sendable {
    var certificatePath: String
    var keyPath: String
    var clientCAPath: String?

    /// PEM files this large are not certificates; refusing them bounds what a reload reads.
    static let maxFileBytes = 1 << 20

    var paths: [String] { [certificatePath, keyPath] + (clientCAPath.map { [$0] } ?? []) }

    /// What identifies the files' current contents cheaply (no read): device, inode, size and
    /// mtime of each, following symlinks so a swapped `..data` link counts as a change.
    func fingerprint() -> [FileStamp?] { paths.map(FileStamp.init(path:)) }

    func makeContext() throws(AdmissionServerError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(try Self.readFile(certificatePath))
        } catch let error as AdmissionServerError {
            throw error
        } catch {
            throw .invalidPEM(path: certificatePath, detail: "\(error)")
        }
        guard !chain.isEmpty else { throw .invalidPEM(path: certificatePath, detail: "no certificate found") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: try Self.readFile(keyPath), format: .pem)
        } catch let error as AdmissionServerError {
            throw error
        } catch {
            throw .invalidPEM(path: keyPath, detail: "\(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAPath {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(try Self.readFile(clientCAPath))
            } catch let error as AdmissionServerError {
                throw error
            } catch {
                throw .invalidPEM(path: clientCAPath, detail: "\(error)")
            }
            guard !roots.isEmpty else { throw .invalidPEM(path: clientCAPath, detail: "no CA certificate found") }
            configuration.trustRoots = .certificates(roots)
            // Clients are identified by certificate, not by a host name.
            configuration.certificateVerification = .noHostnameVerification
            configuration.sendCANameList = true
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tlsConfiguration(detail: "\(error) (does the key match the certificate?)")
        }
    }

    /// Reads a whole (small) file with POSIX calls: the error names errno, not a Foundation domain.
    static func readFile(_ path: String) throws(AdmissionServerError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, detail: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxFileBytes else {
                throw .unreadableFile(path: path, detail: "larger than \(maxFileBytes) bytes")
            }
        }
    }
}

/// One file's identity as `stat` reports it.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}
