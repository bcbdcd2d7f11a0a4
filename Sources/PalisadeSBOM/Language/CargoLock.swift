/// The TOML subset of `Cargo.lock` that matters: each `[[package]]` table's `name` and `version` strings.
enum CargoLock {
    static func packages(path: String, contents: UnsafeRawBufferPointer) -> [Package] {
        var found: [Package] = []
        var inPackage = false
        var name: String?
        var version: String?
        func flush() {
            if inPackage, let name, let version, !name.isEmpty, !version.isEmpty {
                found.append(RustCataloger.package(name: name, version: version, path: path))
            }
            (name, version) = (nil, nil)
        }
        for rawLine in TextLines.split(contents) {
            let line = rawLine.trimmingSpaces()
            if line.hasPrefix("[") {
                flush()
                inPackage = line == "[[package]]"
                continue
            }
            guard inPackage, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces()
            let value = TextLines.unquote(line[line.index(after: equals)...])
            if key == "name" { name = value } else if key == "version" { version = value }
        }
        flush()
        return found
    }
}
