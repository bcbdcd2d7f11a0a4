/// Why the advisory database cannot be opened, written, imported into or exported: one line that names the file.
public struct AdvisoryStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
