/// `pnpm-lock.yaml`: the keys of the top-level `packages:` map name every installed package. Key shapes differ
/// by lock file version: v5 `/name/1.2.3` (peer suffix `_peer@1`), v6 `/name@1.2.3(peer@1)`, v9 `name@1.2.3`.
/// Keys whose version is not a plain version (`link:`, `file:`, tarball URLs) are skipped.
enum PnpmLock {
    static func packages(path: String, contents: UnsafeRawBufferPointer) -> [Package] {
        var found: [Package] = []
        var isV5 = false
        var inPackages = false
        for line in TextLines.split(contents) {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let indent = TextLines.indent(line)
            if indent == 0 {
                if line.hasPrefix("lockfileVersion:") {
                    isV5 = TextLines.unquote(line.dropFirst("lockfileVersion:".count)).hasPrefix("5")
                }
                inPackages = line.trimmingSpaces() == "packages:"
                continue
            }
            guard inPackages, indent == 2, line.hasSuffix(":") else { continue }
            var key = TextLines.unquote(line.dropFirst(2).dropLast())
            if key.hasPrefix("/") { key.removeFirst() }
            if let paren = key.firstIndex(of: "(") { key = String(key[..<paren]) }
            guard let (name, version) = isV5 ? splitV5(key) : TextLines.splitNameAtVersion(key),
                let first = version.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9")
            else { continue }
            found.append(NPMPackageCataloger.package(name: name, version: version, path: path))
        }
        return NPMPackageCataloger.unique(found)
    }

    /// `@scope/name/1.2.3_peer@1` → (`@scope/name`, `1.2.3`).
    private static func splitV5(_ key: String) -> (name: String, rest: String)? {
        guard let slash = key.lastIndex(of: "/") else { return nil }
        let name = String(key[..<slash])
        var version = String(key[key.index(after: slash)...])
        if let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
        return name.isEmpty ? nil : (name, version)
    }
}
