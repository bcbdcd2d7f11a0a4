/// Splits a CVSS vector string into metric/value pairs and validates them against one version's
/// grammar. Shared by v3.x and v4.0 because both use `CVSS:<version>/NAME:VALUE/...`. Parsing is
/// strict: an unknown metric, an unknown value, a duplicate, an empty segment or a missing required
/// metric rejects the whole vector, because a score computed from a guessed vector would be a lie.
struct CVSSVectorParser: Sendable {
    /// Longest vector accepted; real v4.0 vectors with every optional metric stay well under this.
    static let maximumLength = 1024

    /// The literal prefix including the trailing slash, e.g. `CVSS:3.1/`.
    let prefix: String
    /// Every metric the version defines (base, temporal/threat, environmental, supplemental) with
    /// its allowed values.
    let allowedValues: [String: Set<String>]
    /// Metrics that must appear exactly once.
    let required: [String]

    func parse(_ vector: String) -> [String: String]? {
        let bytes = Array(vector.utf8)
        let prefixBytes = Array(prefix.utf8)
        guard bytes.count <= Self.maximumLength, bytes.count > prefixBytes.count,
            bytes.starts(with: prefixBytes)
        else { return nil }
        var metrics: [String: String] = [:]
        let body = bytes[prefixBytes.count...]
        for segment in body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let colon = segment.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let nameBytes = segment[segment.startIndex..<colon]
            let valueBytes = segment[segment.index(after: colon)...]
            guard !nameBytes.isEmpty, !valueBytes.isEmpty, !valueBytes.contains(UInt8(ascii: ":")) else {
                return nil
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let value = String(decoding: valueBytes, as: UTF8.self)
            guard let allowed = allowedValues[name], allowed.contains(value), metrics[name] == nil else {
                return nil
            }
            metrics[name] = value
        }
        for name in required where metrics[name] == nil { return nil }
        return metrics
    }
}
