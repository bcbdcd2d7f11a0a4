/// Why an image could not be read. Every case renders as one line that names the thing at fault
/// (the file, the blob digest, the reference) so the CLI can print it and exit 2.
public struct ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case badReference
        case notFound
        case unreadable
        case malformed
        case digestMismatch
        case unsupported
        case limitExceeded
        case platformNotFound
        case daemon
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
