import CCurlShim
import Foundation

/// One HTTP request for `HTTPClient`: a GET, HEAD or POST with explicit headers.
public struct HTTPRequest: Sendable {
    public var method: Method
    public var url: String
    /// `(name, value)` pairs; CR/LF are stripped from values so nothing can inject a header line.
    public var headers: [(String, String)]
    /// The POST body (ignored for GET and HEAD).
    public var body: [UInt8]

    public enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
        case post = "POST"
    }

    public init(_ method: Method = .get, url: String, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// Status and headers of a response (names lowercased, repeats joined with ", "), and its body
/// when the caller asked for it collected.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public subscript(header name: String) -> String? { headers[name.lowercased()] }
}

/// Single requests over libcurl for protocols that drive their own flow (a registry's auth
/// challenges, redirects to blob storage): redirects are returned, never followed, so the
/// caller decides which headers go to which host.
public struct HTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// PEM bundle to trust instead of the system store (a private CA).
        public var caFile: String?
        /// Plain http is refused unless set.
        public var allowInsecureHTTP: Bool
        public var connectTimeoutSeconds = 15
        /// Abort when fewer than `lowSpeedBytesPerSecond` arrive for `lowSpeedSeconds`.
        public var lowSpeedBytesPerSecond = 1
        public var lowSpeedSeconds = 60
        public var userAgent = "palisade/0.1"
        /// PEM client certificate and key presented for mutual TLS.
        public var clientCertificate: ClientCertificate?
        /// Bounds on the TLS versions offered (nil: libcurl's defaults). Below 1.2 also lowers
        /// OpenSSL's security level so such a handshake is attempted at all (tests, probes).
        public var minimumTLSVersion: TLSVersion?
        public var maximumTLSVersion: TLSVersion?

        public init(caFile: String? = nil, allowInsecureHTTP: Bool = false) {
            self.caFile = caFile
            self.allowInsecureHTTP = allowInsecureHTTP
        }
    }

    /// A client certificate chain and its private key, both PEM files.
    public struct ClientCertificate: Sendable {
        public var certificatePath: String
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    public enum TLSVersion: Int32, Sendable, Comparable {
        case tls10 = 10
        case tls11 = 11
        case tls12 = 12
        case tls13 = 13

        public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Sends `request` and collects the body, refusing more than `maxBodyBytes`.
    public func send(_ request: HTTPRequest, maxBodyBytes: Int) throws(HTTPError) -> HTTPResponse {
        var body: [UInt8] = []
        var response = try stream(request, errorBodyLimit: maxBodyBytes) { chunk in
            guard body.count + chunk.count <= maxBodyBytes else { return false }
            body.append(contentsOf: chunk)
            return true
        }
        if response.status / 100 == 2 { response.body = body }
        return response
    }

    /// Sends `request`; a 2xx body goes to `onBody` chunk by chunk (return false to abort: the
    /// call then throws `.tooLarge` with the bytes seen). Other bodies are kept in the response,
    /// up to `errorBodyLimit` bytes, for the caller's error message.
    public func stream(
        _ request: HTTPRequest, errorBodyLimit: Int = 64 * 1024, onBody: (UnsafeRawBufferPointer) -> Bool
    ) throws(HTTPError) -> HTTPResponse {
        let display = DisplayURL.redact(request.url)
        guard request.url.hasPrefix("https://") || request.url.hasPrefix("http://") else {
            throw .invalidURL(url: display)
        }
        if request.url.hasPrefix("http://") && !configuration.allowInsecureHTTP { throw .insecureURL(url: display) }
        guard let handle = palisade_curl_create() else {
            throw .transport(url: display, code: -1, detail: "libcurl initialisation failed")
        }
        defer { palisade_curl_destroy(handle) }
        var setup = setCommonCurlOptions(
            handle, url: request.url, userAgent: configuration.userAgent,
            allowInsecureHTTP: configuration.allowInsecureHTTP, maxRedirects: 0,
            connectTimeoutSeconds: configuration.connectTimeoutSeconds,
            lowSpeedBytesPerSecond: configuration.lowSpeedBytesPerSecond,
            lowSpeedSeconds: configuration.lowSpeedSeconds,
            caFile: configuration.caFile)
        func apply(_ code: Int32) { if setup == 0 { setup = code } }
        if request.method == .head { apply(palisade_curl_set_head(handle)) }
        if request.method == .post {
            apply(request.body.withUnsafeBytes { palisade_curl_set_post(handle, $0.baseAddress, $0.count) })
        }
        if let client = configuration.clientCertificate {
            apply(palisade_curl_set_client_certificate(handle, client.certificatePath, client.keyPath))
        }
        if configuration.minimumTLSVersion != nil || configuration.maximumTLSVersion != nil {
            apply(
                palisade_curl_set_tls_versions(
                    handle, configuration.minimumTLSVersion?.rawValue ?? 0,
                    configuration.maximumTLSVersion?.rawValue ?? 0
                ))
        }
        for (name, value) in request.headers {
            // Bearer tokens with certificate chains run to kilobytes: only CR/LF are removed.
            let clean = String(value.filter { $0 != "\r" && $0 != "\n" }.prefix(64 * 1024))
            apply(palisade_curl_add_header(handle, "\(name): \(clean)"))
        }
        guard setup == 0 else {
            throw .transport(url: display, code: Int(setup), detail: String(cString: palisade_curl_strerror(setup)))
        }
        return try withoutActuallyEscaping(onBody) { (onBody) throws(HTTPError) -> HTTPResponse in
            let sink = ClientSink(onBody: onBody, errorBodyLimit: errorBodyLimit)
            sink.install(on: handle)
            var message = [CChar](repeating: 0, count: 256)
            let code = withExtendedLifetime(sink) { palisade_curl_perform(handle, &message, message.count) }
            if code != 0 {
                if let failure = sink.failure { throw failure.at(display) }
                let detailed = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                throw HTTPError.curl(
                    code: code, url: display,
                    detail: detailed.isEmpty ? String(cString: palisade_curl_strerror(code)) : detailed,
                    bodyStarted: sink.bodyBytes > 0)
            }
            return HTTPResponse(status: sink.head.status, headers: sink.head.fields, body: sink.errorBody)
        }
    }
}

/// Why a client transfer was aborted from a callback.
enum ClientSinkFailure {
    case headersTooLarge
    case bodyRefused(bytes: Int64)

    func at(_ url: String) -> HTTPError {
        switch self {
        case .headersTooLarge: .transport(url: url, code: -1, detail: "response headers exceed limits")
        case .bodyRefused(let bytes): .tooLarge(url: url, limit: bytes)
        }
    }
}

/// libcurl's callbacks for one `HTTPClient` request.
final class ClientSink: CurlSink {
    let onBody: (UnsafeRawBufferPointer) -> Bool
    let errorBodyLimit: Int
    var head = ResponseHead()
    var errorBody: [UInt8] = []
    var bodyBytes: Int64 = 0
    var failure: ClientSinkFailure?

    init(onBody: @escaping (UnsafeRawBufferPointer) -> Bool, errorBodyLimit: Int) {
        self.onBody = onBody
        self.errorBodyLimit = errorBodyLimit
    }

    override func header(_ line: UnsafeRawBufferPointer) -> Bool {
        guard head.consume(line: line) else {
            failure = .headersTooLarge
            return false
        }
        return true
    }

    override func body(_ data: UnsafeRawBufferPointer) -> Bool {
        if head.status / 100 == 2 {
            guard onBody(data) else {
                failure = .bodyRefused(bytes: bodyBytes)
                return false
            }
            bodyBytes += Int64(data.count)
            return true
        }
        // Error bodies: kept for the message, never streamed; a hostile endless one is cut off.
        let room = max(0, errorBodyLimit - errorBody.count)
        errorBody.append(contentsOf: data.prefix(room))
        bodyBytes += Int64(data.count)
        return bodyBytes <= Int64(errorBodyLimit) * 4
    }
}
