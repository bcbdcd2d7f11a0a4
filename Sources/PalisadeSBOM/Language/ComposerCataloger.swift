/// PHP Composer packages from `composer.lock` (`packages` and `packages-dev`) and from what Composer installed,
/// `vendor/composer/installed.json` (Composer 1: a top-level array; Composer 2: `{"packages": [...]}`).
/// Versions are kept as written (`v5.4.0`), like Syft; names are `vendor/name`, the vendor being the namespace.
public struct ComposerCataloger: PackageCataloger {
    public let id = "composer"
    public static let maxFileSize = 32 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        guard size <= Self.maxFileSize else { return false }
        return PathTest.hasSuffix(path, "/composer.lock") || PathTest.hasSuffix(path, "/vendor/composer/installed.json")
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let document = try LanguageJSON.value(contents, path: path)
        var entries: [Any] = []
        if let array = document as? [Any] {
            entries = array
        } else if let object = document as? [String: Any] {
            entries = ((object["packages"] as? [Any]) ?? []) + ((object["packages-dev"] as? [Any]) ?? [])
        } else {
            throw CatalogError(path: path, reason: "neither a package list nor an object")
        }
        var found: [Package] = []
        var seen = Set<String>()
        for case let entry as [String: Any] in entries {
            guard let fullName = LanguageJSON.string(entry, "name"),
                let version = LanguageJSON.string(entry, "version"),
                let slash = fullName.firstIndex(of: "/")
            else { continue }
            let vendor = String(fullName[..<slash])
            let name = String(fullName[fullName.index(after: slash)...])
            guard !vendor.isEmpty, !name.isEmpty, seen.insert(fullName + "@" + version).inserted else { continue }
            let licenses = (entry["license"] as? [Any])?.compactMap { $0 as? String } ?? []
            found.append(
                Package(
                    ecosystem: .composer, namespace: vendor, name: name, version: version,
                    purl: LanguagePurl.make(type: .composer, namespace: vendor, name: name, version: version),
                    licenses: licenses, foundIn: path))
        }
        return found
    }
}
