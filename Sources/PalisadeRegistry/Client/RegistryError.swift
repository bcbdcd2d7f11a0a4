import PalisadeImage

/// Why a registry operation failed, as one line naming the image or host and the step.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A reference, option or local file the user gave is unusable.
        case badInput
        /// Unreachable host, DNS, refused or dropped connection (after retries).
        case network
        case tls
        /// 401/403, a failed token exchange, a credential helper failure.
        case auth
        case notFound
        /// 5xx or another unexpected status (after retries).
        case server
        /// A manifest or blob whose bytes do not match its digest, or a malformed manifest.
        case integrity
        case limitExceeded
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension RegistryError {
    /// The same failure as an image source reports it (the scanner speaks `ImageError`).
    var imageError: ImageError {
        switch kind {
        case .notFound: ImageError(.notFound, message)
        case .integrity: ImageError(.digestMismatch, message)
        case .limitExceeded: ImageError(.limitExceeded, message)
        case .badInput: ImageError(.badReference, message)
        default: ImageError(.unreadable, message)
        }
    }
}
