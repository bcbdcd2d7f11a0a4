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

/// `META-INF/maven/<groupId>/<artifactId>/pom.properties`, the coordinates Maven writes into every artifact it
/// builds: Java properties `key=value` (or `key:value`) lines with `#`/`!` comments.
struct PomProperties {
    var groupId: String
    var artifactId: String
    var version: String

    init?(_ bytes: [UInt8]) {
        var values: [String: String] = [:]
        for rawLine in TextLines.split(ByteText.decode(bytes)) {
            let line = rawLine.trimmingSpaces()
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("!"),
                let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" })
            else { continue }
            values[line[..<separator].trimmingSpaces()] = line[line.index(after: separator)...].trimmingSpaces()
        }
        guard let groupId = values["groupId"], let artifactId = values["artifactId"], let version = values["version"],
            !groupId.isEmpty, !artifactId.isEmpty, !version.isEmpty
        else { return nil }
        self.groupId = groupId
        self.artifactId = artifactId
        self.version = version
    }
}
