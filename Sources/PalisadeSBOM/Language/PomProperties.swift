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
