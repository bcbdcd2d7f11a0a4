import PalisadeFormats

/// Reads CycloneDX JSON (1.2–1.7) and SPDX 2.2/2.3 JSON SBOMs, Palisade's own and other tools',
/// into `Package`s, so `palisade sbom`'s output or a Trivy/Syft SBOM can be scanned for
/// vulnerabilities without the image. Uses the positioned JSON/YAML parser so errors name a line.
public enum SBOMDocumentReader {
    /// Nested CycloneDX components deeper than this are ignored (hostile input).
    static let maxDepth = 64

    public static func read(_ bytes: UnsafeRawBufferPointer, file: String) throws(SBOMReadError) -> ReadSBOM {
        let root = try JSONDocumentRoot.object(bytes, file: file, kind: "an SBOM")
        if let format = root["bomFormat"] {
            guard format.scalar?.value == "CycloneDX" else {
                throw SBOMReadError(file: file, line: format.mark.line, reason: "bomFormat is not 'CycloneDX'")
            }
            return try CycloneDXSBOMReader.read(root, file: file)
        }
        if root["spdxVersion"] != nil {
            return try SPDXSBOMReader.read(root, file: file)
        }
        throw SBOMReadError(
            file: file, line: root.mark.line,
            reason: "not a CycloneDX or SPDX JSON SBOM (no 'bomFormat' or 'spdxVersion')")
    }

    /// The first byte that is not whitespace or a UTF-8 byte-order mark; nil for blank input.
    public static func firstSignificantByte(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): i += 1
            default: return bytes[i]
            }
        }
        return nil
    }

    static func string(_ node: YAMLNode?) -> String? {
        guard let scalar = node?.scalar, !(node?.isNull ?? true) else { return nil }
        return scalar.value
    }

    /// A key that must be an array if present: wrong types are errors, not silently empty.
    static func array(_ node: YAMLNode, _ key: String, file: String) throws(SBOMReadError) -> [YAMLNode] {
        guard let value = node[key], !value.isNull else { return [] }
        guard let items = value.items else {
            throw SBOMReadError(
                file: file, line: value.mark.line, reason: "'\(key)' must be an array, found \(value.typeName)")
        }
        return items
    }
}

/// Counts what the reader left out and remembers the first example.
struct SkipTally {
    var count = 0
    var example: String?

    mutating func add(_ what: String?) {
        count += 1
        if example == nil { example = what }
    }
}
