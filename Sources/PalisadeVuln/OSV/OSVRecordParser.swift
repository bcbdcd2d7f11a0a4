import PalisadeFormats

/// Builds `OSVRecord`s from parsed JSON or YAML (PyPA publishes YAML, most others JSON). Strict
/// where matching depends on it (id, modified, event shapes), lenient elsewhere (unknown keys).
public enum OSVRecordParser {
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var line: Int

        public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
    }

    /// Parses the first document of `bytes` (JSON or YAML).
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(ParseError) -> OSVRecord {
        let (documents, errors) = YAMLStreamParser.parseAll(bytes: bytes, file: file)
        if let error = errors.first { throw ParseError(reason: error.reason, line: error.line ?? 0) }
        guard let root = documents.first?.root else { throw ParseError(reason: "empty document", line: 0) }
        return try record(root)
    }

    public static func record(_ root: YAMLNode) throws(ParseError) -> OSVRecord {
        guard root.isMapping else { throw ParseError(reason: "an OSV record is a JSON object", line: root.mark.line) }
        guard let id = string(root["id"]), !id.isEmpty else {
            throw ParseError(reason: "missing 'id'", line: root.mark.line)
        }
        guard let modified = string(root["modified"]) else {
            throw ParseError(reason: "\(id): missing 'modified'", line: root.mark.line)
        }
        var affected: [OSVAffected] = []
        for node in root["affected"]?.items ?? [] {
            affected.append(try self.affected(node, id: id))
        }
        return OSVRecord(
            id: id, modified: modified, published: string(root["published"]), withdrawn: string(root["withdrawn"]),
            aliases: strings(root["aliases"]), summary: string(root["summary"]), affected: affected,
            severity: severities(root["severity"]),
            references: (root["references"]?.items ?? []).compactMap { string($0["url"]) },
            databaseSeverity: string(root["database_specific"]?["severity"]))
    }

    static func affected(_ node: YAMLNode, id: String) throws(ParseError) -> OSVAffected {
        guard let package = node["package"], let ecosystem = string(package["ecosystem"]),
            let name = string(package["name"])
        else {
            throw ParseError(
                reason: "\(id): an 'affected' entry lacks package.ecosystem or package.name", line: node.mark.line)
        }
        var ranges: [OSVRange] = []
        for r in node["ranges"]?.items ?? [] {
            let type = string(r["type"]) ?? ""
            let kind: OSVRange.Kind =
                switch type {
                case "ECOSYSTEM": .ecosystem
                case "SEMVER": .semver
                case "GIT": .git
                default: .other(type)
                }
            var events: [OSVEvent] = []
            for e in r["events"]?.items ?? [] {
                guard let pair = e.pairs?.first, e.pairs?.count == 1, let value = pair.value.scalar?.value else {
                    throw ParseError(
                        reason: "\(id): an event must have exactly one of introduced/fixed/last_affected/limit",
                        line: e.mark.line)
                }
                switch pair.key {
                case "introduced": events.append(.introduced(value))
                case "fixed": events.append(.fixed(value))
                case "last_affected": events.append(.lastAffected(value))
                case "limit": events.append(.limit(value))
                default:
                    throw ParseError(reason: "\(id): unknown event '\(pair.key)'", line: e.mark.line)
                }
            }
            ranges.append(OSVRange(kind: kind, events: events))
        }
        return OSVAffected(
            ecosystem: ecosystem, name: name, purl: string(package["purl"]), ranges: ranges,
            versions: strings(node["versions"]), severity: severities(node["severity"]))
    }

    static func severities(_ node: YAMLNode?) -> [OSVSeverity] {
        (node?.items ?? []).compactMap { s in
            guard let type = string(s["type"]), let score = string(s["score"]) else { return nil }
            return OSVSeverity(type: type, score: score)
        }
    }

    static func string(_ node: YAMLNode?) -> String? { node?.scalar?.value }

    static func strings(_ node: YAMLNode?) -> [String] { (node?.items ?? []).compactMap { $0.scalar?.value } }
}
