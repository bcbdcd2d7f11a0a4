/// .NET dependencies from `<app>.deps.json`, which the SDK writes next to every published application: each
/// `libraries` entry of `"type": "package"` is a NuGet package keyed `Name/Version`. `project` and
/// `reference` entries are the application's own assemblies and are skipped.
public struct DotnetDepsCataloger: PackageCataloger {
    public let id = "dotnet"
    public static let maxFileSize = 32 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        size <= Self.maxFileSize && PathTest.hasSuffix(path, ".deps.json")
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let object = try LanguageJSON.object(contents, path: path)
        guard let libraries = object["libraries"] as? [String: Any] else {
            throw CatalogError(path: path, reason: "deps.json without libraries")
        }
        var found: [Package] = []
        for key in libraries.keys.sorted() {
            guard let library = libraries[key] as? [String: Any], LanguageJSON.string(library, "type") == "package",
                let slash = key.lastIndex(of: "/")
            else { continue }
            let name = String(key[..<slash])
            let version = String(key[key.index(after: slash)...])
            guard !name.isEmpty, !version.isEmpty else { continue }
            found.append(
                Package(
                    ecosystem: .nuget, name: name, version: version,
                    purl: LanguagePurl.make(type: .nuget, name: name, version: version), foundIn: path))
        }
        return found
    }
}
