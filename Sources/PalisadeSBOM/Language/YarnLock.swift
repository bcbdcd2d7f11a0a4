/// `yarn.lock`, both the classic v1 format (`version "1.2.3"`) and Berry's YAML (`version: 1.2.3` with a
/// `resolution:` field). Each top-level block lists the ranges it satisfies and the single version installed.
/// Workspace, link, portal, file and patch entries are the project or duplicates, and are skipped.
enum YarnLock {
    static func packages(path: String, contents: UnsafeRawBufferPointer) -> [Package] {
        var found: [Package] = []
        var key: String?
        var version: String?
        var resolution: String?

        func flush() {
            defer { (key, version, resolution) = (nil, nil, nil) }
            guard let key, let version, key != "__metadata" else { return }
            let spec = resolution ?? firstSpec(key)
            for skipped in ["@workspace:", "@link:", "@portal:", "@file:", "@patch:", "@exec:"]
            where spec.contains(skipped) || key.contains(skipped) {
                return
            }
            guard let (name, _) = TextLines.splitNameAtVersion(spec), !name.isEmpty, !version.isEmpty else { return }
            found.append(NPMPackageCataloger.package(name: name, version: version, path: path))
        }

        for line in TextLines.split(contents) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let indent = TextLines.indent(line)
            if indent == 0 {
                flush()
                if line.hasSuffix(":") { key = String(line.dropLast()) }
                continue
            }
            guard indent == 2, key != nil else { continue }
            let field = line.dropFirst(2)
            if field.hasPrefix("version ") || field.hasPrefix("version:") {
                version = TextLines.unquote(field.dropFirst("version".count).drop { $0 == ":" || $0 == " " })
            } else if field.hasPrefix("resolution:") {
                resolution = TextLines.unquote(field.dropFirst("resolution:".count))
            }
        }
        flush()
        return NPMPackageCataloger.unique(found)
    }

    /// The first `name@range` of a block key such as `"@babel/core@^7.0.0", "@babel/core@^7.1.0"`.
    private static func firstSpec(_ key: String) -> String {
        let first = key.split(separator: ",", maxSplits: 1).first ?? Substring(key)
        return TextLines.unquote(first)
    }
}
