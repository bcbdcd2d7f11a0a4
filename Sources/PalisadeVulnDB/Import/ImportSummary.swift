/// What one import did, for `palisade db import` to print. Malformed records are skipped, counted, and one of them
/// is kept as an example so the user can look at it without a flood of messages.
public struct ImportSummary: Sendable, Hashable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var withdrawnRemoved = 0
    public var malformed = 0
    /// The first malformed record: file (or `archive!entry`) and the reason.
    public var malformedExample: String?
    /// Records added, updated or unchanged, per OSV ecosystem they affect.
    public var perEcosystem: [String: Int] = [:]

    public init() {}

    mutating func recordMalformed(_ file: String, _ reason: String) {
        malformed += 1
        if malformedExample == nil { malformedExample = "\(file): \(reason)" }
    }
}

/// One record's origin, so malformed ones can be named.
struct RecordSource: Sendable {
    var name: String
    var bytes: [UInt8]
}
