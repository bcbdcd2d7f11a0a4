/// Why the admission server could not start, with a one-line description an operator can act on.
public enum AdmissionServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A certificate, key or CA file could not be read.
    case unreadableFile(path: String, detail: String)
    /// The file was read but holds no usable PEM certificate or key.
    case invalidPEM(path: String, detail: String)
    /// The certificate, key and CA do not form a usable TLS configuration (e.g. the key does not
    /// match the certificate).
    case tlsConfiguration(detail: String)
    /// The listening socket could not be bound.
    case bindFailed(host: String, port: Int, detail: String)
    /// `start()` was called twice, or after `shutdown()`.
    case alreadyStarted

    public var description: String {
        switch self {
        case .unreadableFile(let path, let detail): "\(path): cannot read (\(detail))"
        case .invalidPEM(let path, let detail): "\(path): not a usable PEM file (\(detail))"
        case .tlsConfiguration(let detail): "TLS configuration rejected: \(detail)"
        case .bindFailed(let host, let port, let detail): "cannot listen on \(host):\(port) (\(detail))"
        case .alreadyStarted: "the admission server was already started"
        }
    }
}
