/// An installed package's `package.json`: `name`, `version`, and `license` as a string, an object
/// (`{"type": "MIT"}`) or the legacy `licenses` array of such objects.
enum NPMPackageJSON {
    static func packages(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let object = try LanguageJSON.object(contents, path: path)
        // Nested manifests such as {"type": "module"} have neither; they are not packages.
        guard let name = LanguageJSON.string(object, "name"), let version = LanguageJSON.string(object, "version")
        else { return [] }
        return [NPMPackageCataloger.package(name: name, version: version, licenses: licenses(object), path: path)]
    }

    static func licenses(_ object: [String: Any]) -> [String] {
        if let license = LanguageJSON.string(object, "license") { return [license] }
        if let license = object["license"] as? [String: Any], let type = LanguageJSON.string(license, "type") {
            return [type]
        }
        var found: [String] = []
        let legacy = (object["licenses"] as? [Any]) ?? (object["license"] as? [Any]) ?? []
        for entry in legacy.prefix(32) {
            if let text = entry as? String, !text.isEmpty {
                found.append(text)
            } else if let entry = entry as? [String: Any], let type = LanguageJSON.string(entry, "type") {
                found.append(type)
            }
        }
        return found
    }
}
