import Foundation

/// npm's `package-lock.json` and `npm-shrinkwrap.json`. Version 2 and 3 files list every installed package in
/// `packages`, keyed by install path (`node_modules/a/node_modules/@s/b`); version 1 files nest a `dependencies`
/// tree. The root entry (`""`), workspace folders and symlinks (`"link": true`) are the project itself, not
/// installed dependencies, and are skipped.
enum NPMPackageLock {
    /// v1 dependency trees deeper than this are cut off (npm flattens; real trees are a few levels deep).
    static let maxTreeDepth = 64

    static func packages(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let object = try LanguageJSON.object(contents, path: path)
        var found: [Package] = []
        if let installed = object["packages"] as? [String: Any] {
            for key in installed.keys.sorted() {
                guard let entry = installed[key] as? [String: Any], let name = installedName(key, entry) else {
                    continue
                }
                if entry["link"] as? Bool == true { continue }
                guard let version = LanguageJSON.string(entry, "version"), isRegistryVersion(version) else { continue }
                let license = LanguageJSON.string(entry, "license").map { [$0] } ?? []
                found.append(NPMPackageCataloger.package(name: name, version: version, licenses: license, path: path))
            }
        } else if let tree = object["dependencies"] as? [String: Any] {
            walk(tree, depth: 0, path: path, into: &found)
        } else {
            throw CatalogError(path: path, reason: "package lock without packages or dependencies")
        }
        return NPMPackageCataloger.unique(found)
    }

    /// The package name for a `packages` key: an explicit `name` (aliases) or the part after the last
    /// `node_modules/`; nil for the root and for workspace folders outside `node_modules`.
    private static func installedName(_ key: String, _ entry: [String: Any]) -> String? {
        guard let range = key.range(of: "node_modules/", options: .backwards) else { return nil }
        let fromKey = String(key[range.upperBound...])
        if let explicit = LanguageJSON.string(entry, "name") { return explicit }
        return fromKey.isEmpty ? nil : fromKey
    }

    private static func walk(_ tree: [String: Any], depth: Int, path: String, into found: inout [Package]) {
        guard depth < maxTreeDepth else { return }
        for name in tree.keys.sorted() {
            guard let entry = tree[name] as? [String: Any] else { continue }
            if let version = LanguageJSON.string(entry, "version"), isRegistryVersion(version) {
                found.append(NPMPackageCataloger.package(name: name, version: version, path: path))
            }
            if let nested = entry["dependencies"] as? [String: Any] {
                walk(nested, depth: depth + 1, path: path, into: &found)
            }
        }
    }

    /// Local folders (`file:`) and symlinks (`link:`) are project code, not published versions.
    private static func isRegistryVersion(_ version: String) -> Bool {
        !(version.hasPrefix("file:") || version.hasPrefix("link:"))
    }
}
