/// Java archives (`.jar`, `.war`, `.ear`, and Jenkins' `.jpi`/`.hpi`), read in memory with `ZipArchive`:
/// - every `META-INF/maven/<groupId>/<artifactId>/pom.properties` is one package `pkg:maven/<g>/<a>@<v>`
///   (a shaded or "fat" JAR carries several);
/// - an archive without any is described by its `META-INF/MANIFEST.MF` and file name: the name comes from the
///   file name (`commons-io-2.11.0.jar` → `commons-io`), the version from `Implementation-Version`, else the
///   file name, else `Bundle-Version` / `Specification-Version`; the groupId from `Implementation-Vendor-Id`,
///   else the `Bundle-SymbolicName` prefix before `.<name>`, else the name itself (as Syft does); archives with
///   no version anywhere give no package;
/// - archives nested inside (`WEB-INF/lib/*.jar`, `BOOT-INF/lib/*.jar`, `lib/*.jar` in EARs, …) are read the
///   same way, up to `maxDepth` levels, and their packages are found in `outer.war:WEB-INF/lib/inner.jar`.
/// Unreadable nested archives are skipped; an unreadable top-level archive is a `CatalogError`.
public struct JavaArchiveCataloger: PackageCataloger {
    public let id = "java"
    public static let maxFileSize = 256 << 20
    static let maxDepth = 4
    static let maxMetadataSize = 1 << 20
    static let maxNestedArchiveSize = 64 << 20
    /// Total bytes inflated for one top-level archive, across nesting: the zip-bomb budget.
    static let maxInflatedBytes = 512 << 20
    static let maxNestedArchives = 4_096

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        guard size >= 22, size <= Self.maxFileSize else { return false }
        return Self.isArchiveName(path)
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        var budget = Budget(inflatedBytes: Self.maxInflatedBytes, archives: Self.maxNestedArchives)
        var found: [Package] = []
        do {
            try Self.readArchive(
                contents, fileName: String(PathTest.baseName(path)), location: path, depth: 0, budget: &budget,
                into: &found)
        } catch {
            throw CatalogError(path: path, reason: "unreadable Java archive (\(error))")
        }
        return found
    }

    struct Budget {
        var inflatedBytes: Int
        var archives: Int
    }

    static func isArchiveName(_ name: String) -> Bool {
        for suffix: StaticString in [".jar", ".war", ".ear", ".jpi", ".hpi", ".JAR", ".WAR", ".EAR"]
        where PathTest.hasSuffix(name, suffix) {
            return true
        }
        return false
    }

    private static func readArchive(
        _ bytes: UnsafeRawBufferPointer, fileName: String, location: String, depth: Int, budget: inout Budget,
        into found: inout [Package]
    ) throws(ZipArchive.ZipError) {
        let zip = try ZipArchive(bytes)
        var fromPoms: [Package] = []
        var manifest: JavaManifest?
        for entry in zip.entries where !entry.isDirectory {
            if entry.name == "META-INF/MANIFEST.MF" {
                guard let data = try? read(zip, entry, bytes, Self.maxMetadataSize, &budget) else { continue }
                manifest = JavaManifest(data)
            } else if isPomProperties(entry.name) {
                guard let data = try? read(zip, entry, bytes, Self.maxMetadataSize, &budget),
                    let pom = PomProperties(data)
                else { continue }
                fromPoms.append(
                    package(group: pom.groupId, artifact: pom.artifactId, version: pom.version, location: location))
            }
        }
        if fromPoms.isEmpty {
            if let package = manifestPackage(manifest, fileName: fileName, location: location) {
                found.append(package)
            }
        } else {
            var seen = Set<String>()
            found += fromPoms.filter { seen.insert($0.purl).inserted }
        }
        guard depth < maxDepth else { return }
        for entry in zip.entries where !entry.isDirectory && isArchiveName(entry.name) {
            guard budget.archives > 0 else { return }
            budget.archives -= 1
            guard let data = try? read(zip, entry, bytes, maxNestedArchiveSize, &budget) else { continue }
            let nestedName = String(PathTest.baseName(entry.name))
            var nested: [Package] = []
            let ok: Bool = data.withUnsafeBytes { inner in
                do {
                    try readArchive(
                        inner, fileName: nestedName, location: location + ":" + entry.name, depth: depth + 1,
                        budget: &budget, into: &nested)
                    return true
                } catch {
                    return false
                }
            }
            if ok { found += nested }
        }
    }

    private static func read(
        _ zip: ZipArchive, _ entry: ZipArchive.Entry, _ bytes: UnsafeRawBufferPointer, _ cap: Int,
        _ budget: inout Budget
    ) throws(ZipArchive.ZipError) -> [UInt8] {
        let limit = min(cap, budget.inflatedBytes)
        let data = try zip.contents(of: entry, in: bytes, maxSize: limit)
        budget.inflatedBytes -= data.count
        return data
    }

    /// `META-INF/maven/<groupId>/<artifactId>/pom.properties`, exactly.
    static func isPomProperties(_ name: String) -> Bool {
        guard name.hasPrefix("META-INF/maven/"), name.hasSuffix("/pom.properties") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).count == 5
    }

    static func manifestPackage(_ manifest: JavaManifest?, fileName: String, location: String) -> Package? {
        let (fileArtifact, fileVersion) = splitFileName(fileName)
        let version =
            manifest?["Implementation-Version"] ?? fileVersion ?? manifest?["Bundle-Version"]
            ?? manifest?["Specification-Version"]
        guard let version, !fileArtifact.isEmpty else { return nil }
        var group = manifest?["Implementation-Vendor-Id"]
        if group == nil, let symbolic = manifest?["Bundle-SymbolicName"] {
            let bare = symbolic.split(separator: ";").first.map { $0.trimmingSpaces() } ?? symbolic
            if bare.hasSuffix("." + fileArtifact) { group = String(bare.dropLast(fileArtifact.count + 1)) }
        }
        var package = package(
            group: group ?? fileArtifact, artifact: fileArtifact, version: version, location: location)
        if let license = manifest?["Bundle-License"] { package.licenses = [license] }
        return package
    }

    /// `commons-io-2.11.0.jar` → (`commons-io`, `2.11.0`): the version starts at the first `-` followed by a digit.
    static func splitFileName(_ fileName: String) -> (artifact: String, version: String?) {
        var stem = Substring(fileName)
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        var index = stem.startIndex
        while index < stem.endIndex {
            let next = stem.index(after: index)
            if stem[index] == "-", next < stem.endIndex, let first = stem[next].asciiValue, first >= 48, first <= 57 {
                return (String(stem[..<index]), String(stem[next...]))
            }
            index = next
        }
        return (String(stem), nil)
    }

    static func package(group: String, artifact: String, version: String, location: String) -> Package {
        Package(
            ecosystem: .maven, namespace: group, name: artifact, version: version,
            purl: LanguagePurl.make(type: .maven, namespace: group, name: artifact, version: version),
            foundIn: location)
    }
}
