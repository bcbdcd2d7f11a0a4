import NIOCore

/// How the admission webhook's HTTPS server listens, which certificates it serves, and the limits
/// that keep one slow or hostile client from hurting the API server's other requests.
public struct AdmissionServerConfiguration: Sendable {
    public var host = "0.0.0.0"
    /// 0 binds an ephemeral port (tests); `start()` returns the port actually bound.
    public var port = 8443
    /// PEM serving certificate; the file may hold the whole chain (leaf first).
    public var certificatePath: String
    /// PEM private key matching the certificate.
    public var keyPath: String
    /// When set, clients must present a certificate signed by this PEM CA bundle (mutual TLS).
    public var clientCAPath: String?
    /// How often the certificate, key and CA files are checked for changes (mtime, size, inode), so
    /// cert-manager's `..data` symlink swap is picked up without a restart.
    public var reloadInterval: Duration = .seconds(2)
    /// Larger request bodies get 413 and the connection is closed; they are never buffered whole.
    public var maxBodyBytes = 3 << 20
    /// The TLS handshake and a complete request must arrive within this (slow-loris defence).
    public var requestReadTimeout: Duration = .seconds(10)
    /// Keep-alive connections with no request in progress are closed after this.
    public var idleTimeout: Duration = .seconds(90)
    /// A request still waiting for evaluation this long after its head arrived is answered with
    /// the reviewer's `timedOut` reply instead (overload: answer late requests fast, never queue).
    public var answerDeadline: Duration = .seconds(5)
    /// Connections above this are closed as soon as they are accepted.
    public var maxConnections = 1024
    /// Graceful shutdown lets in-flight requests finish for at most this long.
    public var shutdownGrace: Duration = .seconds(25)
    /// One per core, or the container's CPU limit when that is lower (see `CPULimit`).
    public var eventLoopThreads = min(System.coreCount, CPULimit.cores() ?? System.coreCount)

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}
