import PalisadeFormats
import PalisadeSBOM

/// CycloneDX VEX: a BOM whose `vulnerabilities[]` carry `analysis.state` and `affects[].ref`.
/// Refs name components by `bom-ref` (resolved to their purl), or are purls themselves, or
/// BOM-Links (`urn:cdx:<serial>/<version>#<bom-ref>`, resolved by their fragment).
enum CycloneDXVEXParser {
    static func statements(_ root: YAMLNode, file: String) throws(VEXParseError) -> [VEXStatement] {
        var purlByRef: [String: String] = [:]
        if let subject = root["metadata"]?["component"] { collect(subject, into: &purlByRef, depth: 0) }
        for component in root["components"]?.items ?? [] { collect(component, into: &purlByRef, depth: 0) }
        let documentTime = VEXNodes.string(root["metadata"]?["timestamp"])
        var out: [VEXStatement] = []
        for (index, node) in try VEXNodes.array(root, "vulnerabilities", file: file).enumerated() {
            guard node.isMapping else {
                throw VEXParseError(file: file, line: node.mark.line, reason: "vulnerability \(index) is not an object")
            }
            guard let id = VEXNodes.string(node["id"]), !id.isEmpty else {
                throw VEXParseError(file: file, line: node.mark.line, reason: "vulnerability \(index) has no 'id'")
            }
            // A vulnerability without analysis is a plain finding, not a VEX claim.
            guard let analysis = node["analysis"], let stateText = VEXNodes.string(analysis["state"]) else { continue }
            guard let status = status(stateText) else {
                throw VEXParseError(
                    file: file, line: analysis.mark.line,
                    reason: "vulnerability \(id): unknown analysis.state '\(stateText)'")
            }
            var ids = [id]
            for reference in node["references"]?.items ?? [] {
                if let alias = VEXNodes.string(reference["id"]), !alias.isEmpty { ids.append(alias) }
            }
            let products = (node["affects"]?.items ?? []).compactMap { affect -> String? in
                guard let ref = VEXNodes.string(affect["ref"]) else { return nil }
                return resolve(ref, purlByRef)
            }
            out.append(
                VEXStatement(
                    index: index, vulnerabilityIDs: ids, products: products, status: status,
                    justification: VEXNodes.string(analysis["justification"]),
                    impact: VEXNodes.string(analysis["detail"]),
                    timestamp: VEXNodes.string(analysis["lastUpdated"]) ?? VEXNodes.string(node["updated"])
                        ?? VEXNodes.string(analysis["firstIssued"]) ?? documentTime))
        }
        return out
    }

    /// `resolved_with_pedigree` is a resolution too, so it suppresses like `resolved`.
    static func status(_ state: String) -> VEXStatus? {
        switch state {
        case "not_affected", "false_positive": .notAffected
        case "resolved", "resolved_with_pedigree": .fixed
        case "exploitable": .affected
        case "in_triage": .underInvestigation
        default: nil
        }
    }

    static func resolve(_ ref: String, _ purlByRef: [String: String]) -> String {
        if let purl = purlByRef[ref] { return purl }
        if ref.hasPrefix("urn:cdx:"), let hash = ref.firstIndex(of: "#") {
            let fragment = String(ref[ref.index(after: hash)...])
            return purlByRef[fragment] ?? fragment
        }
        return ref
    }

    static func collect(_ component: YAMLNode, into map: inout [String: String], depth: Int) {
        guard depth < 64 else { return }
        if let ref = VEXNodes.string(component["bom-ref"]), let purl = VEXNodes.string(component["purl"]) {
            map[ref] = purl
        }
        for child in component["components"]?.items ?? [] { collect(child, into: &map, depth: depth + 1) }
    }
}
