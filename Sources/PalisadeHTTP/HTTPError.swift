import CCurlShim

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

extension HTTPError {
    /// The error for a failed libcurl transfer: one mapping of CURLcodes for every request kind.
    /// A timeout before any body byte is a connection failure; after, an interrupted transfer.
    static func curl(code: Int32, url: String, detail: String, bodyStarted: Bool, bytesOnDisk: Int64 = 0) -> HTTPError {
        switch code {
        case Int32(PALISADE_CURLE_COULDNT_RESOLVE_HOST), Int32(PALISADE_CURLE_COULDNT_RESOLVE_PROXY):
            return .dnsFailure(url: url, detail: detail)
        case Int32(PALISADE_CURLE_COULDNT_CONNECT):
            return .connectionFailed(url: url, detail: detail)
        case Int32(PALISADE_CURLE_SSL_CONNECT_ERROR), Int32(PALISADE_CURLE_PEER_FAILED_VERIFICATION),
            Int32(PALISADE_CURLE_SSL_CERTPROBLEM), Int32(PALISADE_CURLE_SSL_CACERT_BADFILE):
            return .tlsFailure(url: url, detail: detail)
        case Int32(PALISADE_CURLE_UNSUPPORTED_PROTOCOL), Int32(PALISADE_CURLE_URL_MALFORMAT):
            return .invalidURL(url: url)
        case Int32(PALISADE_CURLE_OPERATION_TIMEDOUT) where !bodyStarted:
            return .connectionFailed(url: url, detail: detail)
        case Int32(PALISADE_CURLE_PARTIAL_FILE), Int32(PALISADE_CURLE_RECV_ERROR), Int32(PALISADE_CURLE_SEND_ERROR),
            Int32(PALISADE_CURLE_GOT_NOTHING), Int32(PALISADE_CURLE_OPERATION_TIMEDOUT):
            return .transferInterrupted(url: url, bytesOnDisk: bytesOnDisk, detail: detail)
        default:
            return .transport(url: url, code: Int(code), detail: detail)
        }
    }
}
