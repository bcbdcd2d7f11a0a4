import Foundation

/// Serialises an SBOM's JSON tree with sorted keys, so the same document always gives the same
/// bytes. SBOMs are small (thousands of packages), so Foundation's serializer is fast enough.
enum SBOMJSON {
    static func bytes(_ object: [String: Any]) -> [UInt8] {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Only strings, integers, booleans, arrays and dictionaries are put in the tree, which
        // JSONSerialization always accepts; an empty document is the impossible fallback.
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return [] }
        return Array(data) + [UInt8(ascii: "\n")]
    }
}
