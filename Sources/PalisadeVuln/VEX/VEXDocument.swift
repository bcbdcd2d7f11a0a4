import PalisadeFormats
import PalisadeSBOM

/// A VEX document (OpenVEX JSON, or a CycloneDX BOM with `vulnerabilities[]`) reduced to its
/// statements, so a supplier's "not affected" claims can suppress matching findings.
public struct VEXDocument: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case openVEX = "OpenVEX"
        case cycloneDX = "CycloneDX"
    }

    public var file: String
    public var format: Format
    public var statements: [VEXStatement]

    public init(file: String, format: Format, statements: [VEXStatement]) {
        self.file = file
        self.format = format
        self.statements = statements
    }

    /// Parses OpenVEX (recognised by an `@context` naming openvex, or `statements[]`) or
    /// CycloneDX VEX (`bomFormat: CycloneDX`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(VEXParseError) -> VEXDocument {
        let root = try JSONDocumentRoot.object(bytes, file: file, kind: "a VEX document")
        let context = VEXNodes.string(root["@context"]) ?? ""
        if context.contains("openvex") || root["statements"] != nil {
            return VEXDocument(file: file, format: .openVEX, statements: try OpenVEXParser.statements(root, file: file))
        }
        if VEXNodes.string(root["bomFormat"]) == "CycloneDX" {
            return VEXDocument(
                file: file, format: .cycloneDX, statements: try CycloneDXVEXParser.statements(root, file: file))
        }
        throw VEXParseError(
            file: file, line: root.mark.line,
            reason: "not a VEX document: neither OpenVEX (@context/statements) nor CycloneDX (bomFormat)")
    }
}

/// Small accessors shared by the two VEX parsers.
enum VEXNodes {
    static func string(_ node: YAMLNode?) -> String? {
        guard let node, !node.isNull, let scalar = node.scalar else { return nil }
        return scalar.value
    }

    static func array(_ node: YAMLNode, _ key: String, file: String) throws(VEXParseError) -> [YAMLNode] {
        guard let value = node[key], !value.isNull else { return [] }
        guard let items = value.items else {
            throw VEXParseError(
                file: file, line: value.mark.line, reason: "'\(key)' must be an array, found \(value.typeName)")
        }
        return items
    }
}
