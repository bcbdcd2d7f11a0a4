import PalisadeFormats

/// OpenVEX (https://github.com/openvex/spec, v0.2.0 and the earlier drafts): statements with a
/// vulnerability (object with `name`, `@id`, `aliases`, or a plain string in older drafts),
/// products (objects with `@id` and `subcomponents`, or plain strings) and a status.
enum OpenVEXParser {
    static func statements(_ root: YAMLNode, file: String) throws(VEXParseError) -> [VEXStatement] {
        let documentTime = VEXNodes.string(root["timestamp"])
        var out: [VEXStatement] = []
        for (index, node) in try VEXNodes.array(root, "statements", file: file).enumerated() {
            guard node.isMapping else {
                throw VEXParseError(file: file, line: node.mark.line, reason: "statement \(index) is not an object")
            }
            let statusText = VEXNodes.string(node["status"]) ?? ""
            guard let status = VEXStatus(rawValue: statusText) else {
                throw VEXParseError(
                    file: file, line: node.mark.line,
                    reason: "statement \(index): unknown status '\(statusText)' "
                        + "(not_affected, affected, fixed, under_investigation)")
            }
            let ids = vulnerabilityIDs(node["vulnerability"])
            guard !ids.isEmpty else {
                throw VEXParseError(
                    file: file, line: node.mark.line, reason: "statement \(index) names no vulnerability")
            }
            var products: [String] = []
            for product in try VEXNodes.array(node, "products", file: file) {
                products += identifiers(product)
                for sub in product["subcomponents"]?.items ?? [] { products += identifiers(sub) }
            }
            // Drafts before v0.2.0 put subcomponents beside products.
            for sub in node["subcomponents"]?.items ?? [] { products += identifiers(sub) }
            out.append(
                VEXStatement(
                    index: index, vulnerabilityIDs: ids, products: products, status: status,
                    justification: VEXNodes.string(node["justification"]),
                    impact: VEXNodes.string(node["impact_statement"]),
                    timestamp: VEXNodes.string(node["timestamp"]) ?? documentTime))
        }
        return out
    }

    /// A component's `@id` (or the plain string of older drafts) and its `identifiers.purl`.
    static func identifiers(_ component: YAMLNode) -> [String] {
        if let plain = VEXNodes.string(component) { return [plain] }
        var ids: [String] = []
        if let id = VEXNodes.string(component["@id"]) { ids.append(id) }
        if let purl = VEXNodes.string(component["identifiers"]?["purl"]), !ids.contains(purl) { ids.append(purl) }
        return ids
    }

    static func vulnerabilityIDs(_ node: YAMLNode?) -> [String] {
        guard let node else { return [] }
        if let plain = VEXNodes.string(node) { return [plain] }
        var ids: [String] = []
        for key in ["name", "@id"] {
            if let id = VEXNodes.string(node[key]), !id.isEmpty { ids.append(id) }
        }
        for alias in node["aliases"]?.items ?? [] {
            if let id = VEXNodes.string(alias), !id.isEmpty { ids.append(id) }
        }
        return ids
    }
}
