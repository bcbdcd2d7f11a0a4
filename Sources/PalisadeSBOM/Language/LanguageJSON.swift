import Foundation

/// Parses the small JSON documents language ecosystems keep (package.json, lock files, deps.json) with
/// Foundation's `JSONSerialization`, after a byte scan that refuses nesting deeper than `maxDepth` so hostile
/// documents cannot exhaust the stack, and a size cap so one file cannot exhaust memory.
enum LanguageJSON {
    static let maxDepth = 256
    static let maxBytes = 64 << 20

    /// The top-level object of `contents`, or a `CatalogError` naming `path`.
    static func object(_ contents: UnsafeRawBufferPointer, path: String) throws(CatalogError) -> [String: Any] {
        guard contents.count <= maxBytes else { throw CatalogError(path: path, reason: "JSON larger than 64 MiB") }
        guard nestingDepth(contents) <= maxDepth else {
            throw CatalogError(path: path, reason: "JSON nested deeper than \(maxDepth) levels")
        }
        let data = Data(contents)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw CatalogError(path: path, reason: "invalid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw CatalogError(path: path, reason: "JSON top level is not an object")
        }
        return object
    }

    /// Parses `contents` as any JSON value (object or array at the top), with the same limits.
    static func value(_ contents: UnsafeRawBufferPointer, path: String) throws(CatalogError) -> Any {
        guard contents.count <= maxBytes else { throw CatalogError(path: path, reason: "JSON larger than 64 MiB") }
        guard nestingDepth(contents) <= maxDepth else {
            throw CatalogError(path: path, reason: "JSON nested deeper than \(maxDepth) levels")
        }
        do {
            return try JSONSerialization.jsonObject(with: Data(contents), options: [])
        } catch {
            throw CatalogError(path: path, reason: "invalid JSON")
        }
    }

    /// Deepest bracket nesting outside strings; stops counting once past `maxDepth`.
    static func nestingDepth(_ bytes: UnsafeRawBufferPointer) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > deepest {
                    deepest = depth
                    if deepest > maxDepth { return deepest }
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth = max(0, depth - 1)
            default: break
            }
        }
        return deepest
    }

    /// A string field, trimmed; nil when absent, not a string, or empty.
    static func string(_ object: [String: Any], _ key: String) -> String? {
        guard let value = object[key] as? String else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
