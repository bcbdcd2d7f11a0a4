import Foundation

/// Small JSON documents (manifests, indexes, configs) as Foundation objects, with errors that
/// name the document. These are kilobytes, so JSONSerialization's cost does not matter here.
enum JSONDocument {
    static func object(_ bytes: [UInt8], what: String) throws(ImageError) -> [String: Any] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw ImageError(.malformed, "\(what): not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw ImageError(.malformed, "\(what): not a JSON object") }
        return object
    }

    static func array(_ bytes: [UInt8], what: String) throws(ImageError) -> [Any] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw ImageError(.malformed, "\(what): not valid JSON")
        }
        guard let array = parsed as? [Any] else { throw ImageError(.malformed, "\(what): not a JSON array") }
        return array
    }

    static func int64(_ value: Any?) -> Int64? {
        if let n = value as? NSNumber { return n.int64Value }
        return nil
    }
}
