/// Node.js packages, from what is installed and from what lock files pin:
/// - `node_modules/<name>/package.json` and `node_modules/@scope/<name>/package.json`: one installed package each.
///   The application's own `package.json` outside `node_modules` is not reported: it describes the project being
///   scanned, not a dependency, and its dependencies are version ranges; the lock files and `node_modules` say
///   what was actually installed. Nested `package.json` files inside a package (`node_modules/x/esm/package.json`)
///   are ignored too.
/// - `package-lock.json` / `npm-shrinkwrap.json` (v1 `dependencies` tree, v2/v3 `packages` map), `yarn.lock`
///   (classic v1 and Berry), `pnpm-lock.yaml` (v5–v9 `packages` keys). Lock files inside `node_modules` belong to
///   published packages, not the installation, and are ignored.
public struct NPMPackageCataloger: PackageCataloger {
    public let id = "npm"
    public static let maxFileSize = 64 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        guard size <= Self.maxFileSize else { return false }
        if PathTest.hasSuffix(path, "/package.json") { return Self.isInstalledPackageManifest(path) }
        guard
            PathTest.hasSuffix(path, "/package-lock.json") || PathTest.hasSuffix(path, "/yarn.lock")
                || PathTest.hasSuffix(path, "/pnpm-lock.yaml") || PathTest.hasSuffix(path, "/npm-shrinkwrap.json")
        else { return false }
        return !PathTest.contains(path, "/node_modules/")
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let base = PathTest.baseName(path)
        switch base {
        case "package.json": return try NPMPackageJSON.packages(path: path, contents: contents)
        case "package-lock.json", "npm-shrinkwrap.json":
            return try NPMPackageLock.packages(path: path, contents: contents)
        case "yarn.lock": return YarnLock.packages(path: path, contents: contents)
        case "pnpm-lock.yaml": return PnpmLock.packages(path: path, contents: contents)
        default: return []
        }
    }

    /// True for `…/node_modules/<name>/package.json` and `…/node_modules/@scope/<name>/package.json`.
    static func isInstalledPackageManifest(_ path: String) -> Bool {
        let utf8 = Array(path.utf8)
        let marker = Array("/node_modules/".utf8)
        var markerEnd: Int?
        var index = utf8.count - marker.count
        while index >= 0 {
            if utf8[index] == UInt8(ascii: "/") && utf8[index..<(index + marker.count)].elementsEqual(marker) {
                markerEnd = index + marker.count
                break
            }
            index -= 1
        }
        guard let start = markerEnd else { return false }
        let rest = utf8[start...].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        if rest.count == 2 { return rest[0].first != UInt8(ascii: "@") && !rest[0].isEmpty }
        if rest.count == 3 { return rest[0].first == UInt8(ascii: "@") && rest[0].count > 1 && !rest[1].isEmpty }
        return false
    }

    /// Builds an npm package; `name` may carry its scope (`@babel/core`), which becomes the purl namespace.
    static func package(name: String, version: String, licenses: [String] = [], path: String) -> Package {
        var namespace: String?
        var bare = name
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            namespace = String(name[..<slash])
            bare = String(name[name.index(after: slash)...])
        }
        return Package(
            ecosystem: .npm, namespace: namespace, name: name, version: version,
            purl: LanguagePurl.make(type: .npm, namespace: namespace, name: bare, version: version),
            licenses: licenses, foundIn: path)
    }

    /// Keeps the first package of each name@version, in order.
    static func unique(_ packages: [Package]) -> [Package] {
        var seen = Set<String>()
        return packages.filter { seen.insert($0.name + "@" + $0.version).inserted }
    }
}
