import Foundation
import PalisadeHTTP
import Synchronization

/// The Docker Registry HTTP API v2 / OCI Distribution client: answers auth challenges (Basic,
/// or Bearer tokens from the challenge's realm per repository scope), retries 429 and 5xx with
/// backoff honouring `Retry-After`, and follows redirects itself so the registry's
/// `Authorization` header never reaches another host (blob storage, a CDN).
/// Shared by the parallel layer downloads of one scan; tokens are cached per scope.
public final class RegistryClient: Sendable {
    public struct Configuration: Sendable {
        public var caFile: String?
        /// Plain HTTP, only for a host the user named with `--insecure-registry`.
        public var plainHTTP: Bool
        public var credentials: RegistryCredentials?
        /// Attempts per request for 429, 5xx and dropped connections.
        public var maxAttempts = 4
        /// First backoff in seconds, doubled per attempt.
        public var retryDelay = 0.5
        /// A server asking to wait longer than this is not waited for.
        public var maxRetryAfter = 30.0

        public init(caFile: String? = nil, plainHTTP: Bool = false, credentials: RegistryCredentials? = nil) {
            self.caFile = caFile
            self.plainHTTP = plainHTTP
            self.credentials = credentials
        }
    }

    /// `host[:port]` of the API.
    public let host: String
    public let configuration: Configuration
    private let http: HTTPClient
    private let state = Mutex(AuthState())

    struct AuthState {
        /// The registry's last challenge, so a new scope's token is fetched before its first request.
        var challenge: AuthChallenge?
        /// `Authorization` values per scope ("" for Basic, which covers every scope).
        var authorizations: [String: String] = [:]
    }

    public init(host: String, configuration: Configuration) {
        self.host = host
        self.configuration = configuration
        var httpConfiguration = HTTPClient.Configuration(
            caFile: configuration.caFile, allowInsecureHTTP: configuration.plainHTTP)
        httpConfiguration.lowSpeedSeconds = 30
        http = HTTPClient(configuration: httpConfiguration)
    }

    public var baseURL: String { (configuration.plainHTTP ? "http://" : "https://") + host }

    /// GET `path` (under `/v2/`) and collect a body of at most `maxBytes`.
    public func get(_ path: String, accept: [String] = [], scope: String, maxBytes: Int) throws(RegistryError)
        -> HTTPResponse
    {
        var body: [UInt8] = []
        var response = try perform(
            .get, path: path, accept: accept, scope: scope, restart: { body.removeAll(keepingCapacity: true) },
            onBody: { chunk in
                guard body.count + chunk.count <= maxBytes else { return false }
                body.append(contentsOf: chunk)
                return true
            })
        response.body = body
        return response
    }

    /// HEAD `path`: status and headers only (existence and digests of tags and blobs).
    public func head(_ path: String, accept: [String] = [], scope: String) throws(RegistryError) -> HTTPResponse {
        try perform(.head, path: path, accept: accept, scope: scope, restart: {}, onBody: { _ in true })
    }

    /// GET `path` streaming a 2xx body to `onBody`; `restart` runs before every attempt after
    /// the first, so a consumer can drop what a broken attempt delivered.
    public func stream(
        _ path: String, scope: String, restart: () -> Void, onBody: (UnsafeRawBufferPointer) -> Bool
    ) throws(RegistryError) -> HTTPResponse {
        try perform(.get, path: path, accept: [], scope: scope, restart: restart, onBody: onBody)
    }

    private func perform(
        _ method: HTTPRequest.Method, path: String, accept: [String], scope: String, restart: () -> Void,
        onBody: (UnsafeRawBufferPointer) -> Bool
    ) throws(RegistryError) -> HTTPResponse {
        var url = baseURL + path
        var attempt = 1
        var redirects = 0
        var answeredChallenge = false
        var started = false
        while true {
            if started { restart() }
            started = true
            var headers: [(String, String)] = accept.isEmpty ? [] : [("Accept", accept.joined(separator: ", "))]
            let sameHost = Self.authority(of: url) == host
            if sameHost, let authorization = try authorization(for: scope) {
                headers.append(("Authorization", authorization))
            }
            let response: HTTPResponse
            do {
                response = try http.stream(HTTPRequest(method, url: url, headers: headers), onBody: onBody)
            } catch {
                switch error {
                case .connectionFailed, .transferInterrupted:
                    if attempt < configuration.maxAttempts {
                        backoff(attempt, retryAfter: nil)
                        attempt += 1
                        continue
                    }
                    throw RegistryError(.network, "\(error) (after \(attempt) attempts)")
                case .tlsFailure: throw RegistryError(.tls, "\(error)")
                case .dnsFailure: throw RegistryError(.network, "\(error)")
                case .tooLarge:
                    throw RegistryError(.limitExceeded, "\(Self.display(url)): response exceeds its size limit")
                case .insecureURL:
                    throw RegistryError(
                        .badInput, "\(Self.display(url)): plain http refused; allow it with --insecure-registry \(host)"
                    )
                default: throw RegistryError(.network, "\(error)")
                }
            }
            switch response.status {
            case 200..<300:
                return response
            case 301, 302, 303, 307, 308:
                guard let location = response[header: "location"], redirects < 5 else {
                    throw RegistryError(.server, "\(Self.display(url)): redirect without a usable Location")
                }
                url = Self.resolve(location, against: url)
                redirects += 1
                if !url.hasPrefix("https://") && !configuration.plainHTTP {
                    throw RegistryError(.server, "\(Self.display(url)): redirected to plain http; refused")
                }
            case 401 where !answeredChallenge && sameHost:
                guard let header = response[header: "www-authenticate"], let challenge = AuthChallenge.parse(header)
                else {
                    throw RegistryError(.auth, "\(Self.display(url)): HTTP 401 without an authentication challenge")
                }
                try authenticate(challenge, scope: scope)
                answeredChallenge = true
            case 401:
                throw RegistryError(
                    .auth,
                    "\(Self.display(url)): unauthorized (HTTP 401)"
                        + (configuration.credentials == nil
                            ? "; give credentials with --username/--password-stdin or docker login"
                            : "; the credentials were refused") + Self.errorDetail(response))
            case 403:
                throw RegistryError(
                    .auth, "\(Self.display(url)): access denied (HTTP 403)\(Self.errorDetail(response))")
            case 404:
                throw RegistryError(
                    .notFound, "\(Self.display(url)): not found (HTTP 404)\(Self.errorDetail(response))")
            case 429, 500..<600:
                if attempt < configuration.maxAttempts {
                    backoff(attempt, retryAfter: response[header: "retry-after"])
                    attempt += 1
                    continue
                }
                throw RegistryError(
                    .server,
                    "\(Self.display(url)): HTTP \(response.status) after \(attempt) attempts\(Self.errorDetail(response))"
                )
            default:
                throw RegistryError(
                    .server, "\(Self.display(url)): unexpected HTTP \(response.status)\(Self.errorDetail(response))")
            }
        }
    }

    private func authorization(for scope: String) throws(RegistryError) -> String? {
        let (known, challenge) = state.withLock { s in (s.authorizations[scope] ?? s.authorizations[""], s.challenge) }
        if let known { return known }
        // A Bearer registry: fetch this scope's token up front rather than collect another 401.
        if let challenge, challenge.scheme == "bearer" {
            try authenticate(challenge, scope: scope)
            return state.withLock { $0.authorizations[scope] }
        }
        return nil
    }

    private func authenticate(_ challenge: AuthChallenge, scope: String) throws(RegistryError) {
        switch challenge.scheme {
        case "basic":
            guard let credentials = configuration.credentials else {
                throw RegistryError(
                    .auth, "\(host): the registry requires a login; give --username/--password-stdin or docker login")
            }
            state.withLock {
                $0.challenge = challenge
                $0.authorizations[""] = credentials.basicHeader
            }
        case "bearer":
            let token = try fetchToken(challenge, scope: scope)
            state.withLock {
                $0.challenge = challenge
                $0.authorizations[scope] = "Bearer " + token
            }
        default:
            throw RegistryError(.auth, "\(host): unsupported authentication scheme '\(challenge.scheme)'")
        }
    }

    /// Docker's token protocol: GET realm?service=…&scope=…, with Basic credentials when known.
    private func fetchToken(_ challenge: AuthChallenge, scope: String) throws(RegistryError) -> String {
        guard let realm = challenge.realm, realm.hasPrefix("https://") || realm.hasPrefix("http://") else {
            throw RegistryError(.auth, "\(host): the Bearer challenge has no usable realm")
        }
        var query: [String] = []
        if let service = challenge.parameters["service"] { query.append("service=" + Self.percentEncode(service)) }
        let wanted = scope.isEmpty ? challenge.parameters["scope"] ?? "" : scope
        if !wanted.isEmpty { query.append("scope=" + Self.percentEncode(wanted)) }
        let url = realm + (query.isEmpty ? "" : (realm.contains("?") ? "&" : "?") + query.joined(separator: "&"))
        var headers: [(String, String)] = []
        if let credentials = configuration.credentials { headers.append(("Authorization", credentials.basicHeader)) }
        let response: HTTPResponse
        do {
            response = try http.send(HTTPRequest(.get, url: url, headers: headers), maxBodyBytes: 1 << 20)
        } catch {
            throw RegistryError(error.isTLS ? .tls : .auth, "token service: \(error)")
        }
        guard response.status == 200 else {
            throw RegistryError(
                .auth,
                "\(Self.display(realm)): token request refused (HTTP \(response.status))"
                    + (configuration.credentials == nil ? "; the registry requires a login" : "; wrong credentials?"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let token = (object["token"] as? String) ?? (object["access_token"] as? String), !token.isEmpty
        else {
            throw RegistryError(.auth, "\(Self.display(realm)): token response has no token")
        }
        return token
    }

    private func backoff(_ attempt: Int, retryAfter: String?) {
        var delay = configuration.retryDelay * Double(1 << min(attempt - 1, 6))
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)) {
            delay = min(max(seconds, 0), configuration.maxRetryAfter)
        }
        usleep(UInt32(min(delay, configuration.maxRetryAfter) * 1_000_000))
    }

    // MARK: URLs

    /// `host[:port]` of an absolute URL.
    static func authority(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return String(authority)
    }

    static func resolve(_ location: String, against base: String) -> String {
        if location.hasPrefix("https://") || location.hasPrefix("http://") { return location }
        guard let schemeEnd = base.range(of: "://") else { return location }
        let scheme = base[..<schemeEnd.upperBound]
        if location.hasPrefix("//") { return String(scheme.dropLast(2)) + location }
        let authority = authority(of: base) ?? ""
        if location.hasPrefix("/") { return scheme + authority + location }
        let path = base[schemeEnd.upperBound...].dropFirst(authority.count)
        let directory = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
        return scheme + authority + directory + location
    }

    static func display(_ url: String) -> String {
        var text = Substring(url)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        return String(text.prefix(200))
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The registry's own error message (`{"errors":[{"code","message"}]}`), shortened.
    static func errorDetail(_ response: HTTPResponse) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let errors = object["errors"] as? [[String: Any]], let first = errors.first
        else { return "" }
        let code = first["code"] as? String ?? ""
        let message = first["message"] as? String ?? ""
        let text = [code, message].filter { !$0.isEmpty }.joined(separator: ": ")
        return text.isEmpty ? "" : ": " + String(text.prefix(200))
    }
}

extension HTTPError {
    var isTLS: Bool {
        if case .tlsFailure = self { return true }
        return false
    }
}
