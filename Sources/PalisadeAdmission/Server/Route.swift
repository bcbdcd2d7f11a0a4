import NIOHTTP1

/// What a request asks for, decided from its head alone.
enum Route: Equatable {
    /// POST to any path: an AdmissionReview for the reviewer.
    case review
    case healthz
    case readyz
    case metrics
    case notFound
    case methodNotAllowed

    /// Only POST bodies are kept; other routes discard what they are sent.
    var keepsBody: Bool { self == .review }

    init(method: HTTPMethod, path: String) {
        if method == .POST {
            self = .review
            return
        }
        let known: Route? =
            switch path {
            case "/healthz": .healthz
            case "/readyz": .readyz
            case "/metrics": .metrics
            default: nil
            }
        guard let known else {
            self = .notFound
            return
        }
        self = method == .GET ? known : .methodNotAllowed
    }

    /// The request target without its query (the API server calls `/validate?timeout=10s`).
    static func path(of uri: String) -> String {
        guard let question = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return uri }
        return String(uri[..<question])
    }
}
