/// The main section of `META-INF/MANIFEST.MF`: `Name: value` lines (continuation lines start with one space and
/// continue the previous value without a separator, as the JAR spec wraps at 72 bytes) up to the first blank line.
struct JavaManifest {
    private(set) var attributes: [String: String] = [:]
    static let maxAttributes = 4_096

    init(_ bytes: [UInt8]) {
        var lastKey: String?
        for line in TextLines.split(ByteText.decode(bytes)) {
            if line.isEmpty { break }
            if line.hasPrefix(" ") {
                if let lastKey { attributes[lastKey, default: ""] += line.dropFirst() }
                continue
            }
            guard attributes.count < Self.maxAttributes, let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            attributes[key] = String(line[line.index(after: colon)...].drop { $0 == " " })
            lastKey = key
        }
    }

    subscript(_ key: String) -> String? {
        guard let value = attributes[key]?.trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }
}
