/// Advisories keyed by (OSV ecosystem, package name), so matching one package is a dictionary
/// lookup. Names are compared in each ecosystem's canonical form (PyPI's PEP 503 normalisation).
public struct AdvisoryIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var record: Int
        public var affected: Int
    }

    public private(set) var records: [OSVRecord] = []
    private var byPackage: [String: [Entry]] = [:]

    public init(_ records: [OSVRecord] = []) {
        for r in records { add(r) }
    }

    /// Adds a record; withdrawn advisories are not indexed.
    public mutating func add(_ record: OSVRecord) {
        guard record.withdrawn == nil else { return }
        let index = records.count
        records.append(record)
        for (i, a) in record.affected.enumerated() {
            byPackage[Self.key(ecosystem: a.ecosystem, name: a.name), default: []].append(
                Entry(record: index, affected: i))
        }
    }

    public func entries(ecosystem: String, name: String) -> [Entry] {
        byPackage[Self.key(ecosystem: ecosystem, name: name)] ?? []
    }

    static func key(ecosystem: String, name: String) -> String {
        ecosystem + "\u{0}" + canonicalName(name, ecosystem: ecosystem)
    }

    /// PyPI names compare case-insensitively with runs of `-`, `_`, `.` equal (PEP 503).
    static func canonicalName(_ name: String, ecosystem: String) -> String {
        guard ecosystem == "PyPI" else { return name }
        var out = ""
        var lastWasSeparator = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(c)
                lastWasSeparator = false
            }
        }
        return out
    }
}
