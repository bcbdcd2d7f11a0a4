/// Why a download failed, as a value the caller can branch on (retry, report, give up).
///
/// Every case names the URL (without credentials or query string) so a one-line message is enough to act on.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL.
    case invalidURL(url: String)
    /// A plain-http URL was given without `allowInsecureHTTP`.
    case insecureURL(url: String)
    /// The host name did not resolve.
    case dnsFailure(url: String, detail: String)
    /// Nothing accepted the connection (refused, unreachable, connect timeout).
    case connectionFailed(url: String, detail: String)
    /// TLS handshake or certificate verification failed.
    case tlsFailure(url: String, detail: String)
    /// The connection broke or stalled mid-body; the partial file is kept so the next attempt resumes.
    case transferInterrupted(url: String, bytesOnDisk: Int64, detail: String)
    /// The server answered with a status other than 200, 206 or 304.
    case httpStatus(url: String, status: Int)
    /// The body does not match the digest the server declared; nothing is left at the destination.
    case checksumMismatch(url: String, algorithm: String, expected: String, actual: String)
    /// The body is larger than the configured cap.
    case tooLarge(url: String, limit: Int64)
    /// A local file operation failed.
    case fileSystem(path: String, detail: String)
    /// Any other libcurl failure.
    case transport(url: String, code: Int, detail: String)

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "\(url): not an absolute http(s) URL"
        case .insecureURL(let url):
            return "\(url): plain http is not allowed; use https"
        case .dnsFailure(let url, let detail):
            return "\(url): could not resolve host (\(detail))"
        case .connectionFailed(let url, let detail):
            return "\(url): could not connect (\(detail))"
        case .tlsFailure(let url, let detail):
            return "\(url): TLS failure (\(detail))"
        case .transferInterrupted(let url, let bytes, let detail):
            return "\(url): transfer interrupted after \(bytes) bytes on disk (\(detail)); rerun to resume"
        case .httpStatus(let url, let status):
            return "\(url): server answered HTTP \(status)"
        case .checksumMismatch(let url, let algorithm, let expected, let actual):
            return "\(url): \(algorithm) mismatch (server declared \(expected), downloaded \(actual)); file discarded"
        case .tooLarge(let url, let limit):
            return "\(url): body exceeds the \(limit)-byte limit"
        case .fileSystem(let path, let detail):
            return "\(path): \(detail)"
        case .transport(let url, let code, let detail):
            return "\(url): transfer failed (curl error \(code): \(detail))"
        }
    }

    /// Whether another attempt may succeed by resuming (used by the downloader's retry loop).
    public var isResumable: Bool {
        if case .transferInterrupted = self { return true }
        return false
    }
}
