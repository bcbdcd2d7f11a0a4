/// Rust crates, from two sources:
/// - binaries built with `cargo auditable`, which embeds the dependency tree as zlib-compressed JSON in an ELF
///   section named `.dep-v0` (`{"packages":[{"name","version","source","kind","dependencies"}]}`). Build-time
///   dependencies (`"kind": "build"`) are not in the binary and are skipped;
/// - `Cargo.lock` (`[[package]]` tables with `name`, `version`, `source`).
/// Workspace crates (source `local`, or no `source` in Cargo.lock) are reported like the others: they are what
/// the image runs, and their purl simply names the crate.
public struct RustCataloger: PackageCataloger {
    public let id = "rust"
    public static let maxBinarySize = 128 << 20
    public static let maxLockSize = 16 << 20
    /// The JSON of real binaries is a few KiB to a few hundred KiB.
    static let maxAuditJSON = 8 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        if PathTest.hasSuffix(path, "/Cargo.lock") { return size <= Self.maxLockSize }
        return isExecutable && size >= 64 && size <= Self.maxBinarySize
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        if PathTest.hasSuffix(path, "/Cargo.lock") { return CargoLock.packages(path: path, contents: contents) }
        guard ELFFile.isELF(contents) else { return [] }
        let elf: ELFFile
        do {
            elf = try ELFFile(contents)
        } catch {
            throw CatalogError(path: path, reason: "unreadable ELF headers")
        }
        guard let section = elf.section(named: ".dep-v0") else { return [] }
        let compressed = UnsafeRawBufferPointer(rebasing: contents[section.offset..<(section.offset + section.size)])
        let json: [UInt8]
        do {
            json = try Inflater.inflate(compressed, wrapper: .zlib, maxOutput: Self.maxAuditJSON)
        } catch {
            throw CatalogError(path: path, reason: "cargo-auditable data does not inflate (\(error))")
        }
        let parsed = json.withUnsafeBytes { buffer in
            Result { () throws(CatalogError) in try LanguageJSON.object(buffer, path: path) }
        }
        let object = try parsed.get()
        guard let entries = object["packages"] as? [Any] else {
            throw CatalogError(path: path, reason: "cargo-auditable data without packages")
        }
        var found: [Package] = []
        for case let entry as [String: Any] in entries {
            guard let name = LanguageJSON.string(entry, "name"), let version = LanguageJSON.string(entry, "version")
            else { continue }
            if LanguageJSON.string(entry, "kind") == "build" { continue }
            found.append(Self.package(name: name, version: version, path: path))
        }
        return found
    }

    static func package(name: String, version: String, path: String) -> Package {
        Package(
            ecosystem: .cargo, name: name, version: version,
            purl: LanguagePurl.make(type: .cargo, name: name, version: version), foundIn: path)
    }
}
