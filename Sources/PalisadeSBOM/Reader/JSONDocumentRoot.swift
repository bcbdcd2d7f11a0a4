import PalisadeCore
import PalisadeFormats

/// The root object of a JSON document that must be one object (SBOMs, VEX documents), with the
/// one-line errors both readers give for text that is not one.
public enum JSONDocumentRoot {
    /// - Parameter kind: what the document should be, with its article (`an SBOM`, `a VEX document`).
    public static func object(_ bytes: UnsafeRawBufferPointer, file: String, kind: String) throws(InputError)
        -> YAMLNode
    {
        // The parser also reads YAML, where any text is a document; JSON objects start with `{`.
        if let first = SBOMDocumentReader.firstSignificantByte(bytes), first != UInt8(ascii: "{"),
            first != UInt8(ascii: "[")
        {
            throw InputError(file: file, line: 1, reason: "not valid JSON: \(kind) is a JSON object")
        }
        let (documents, errors) = YAMLStreamParser.parseAll(bytes: bytes, file: file)
        if let error = errors.first {
            throw InputError(file: file, line: error.line ?? 0, reason: "not valid JSON: \(error.reason)")
        }
        guard let root = documents.first?.root else {
            throw InputError(file: file, line: 0, reason: "empty document")
        }
        guard root.isMapping else {
            throw InputError(
                file: file, line: root.mark.line, reason: "not \(kind): expected a JSON object, found \(root.typeName)")
        }
        return root
    }
}
