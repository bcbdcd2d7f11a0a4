/// Alpine (and Wolfi/Chainguard) packages from apk's database, `/lib/apk/db/installed`: records
/// of single-letter `X:value` lines separated by blank lines (`P` name, `V` version, `A` arch,
/// `o` origin, `L` licence; file lines `F:`/`R:`/`Z:` are skipped without allocating).
///
/// The purl is `pkg:apk/alpine/<name>@<version>?arch=…`; `SBOMAssembler` fixes the namespace
/// for non-Alpine apk distributions and adds `distro=alpine-3.19.1`. A record without `P` or
/// `V` is skipped; a file with content but no `P:` line at all throws.
public struct ApkCataloger: PackageCataloger {
    public let id = "apk"
    public static let maximumFileSize = 256 << 20
    static let databasePath = "/lib/apk/db/installed"
    static let maximumRecords = 500_000

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        size <= Self.maximumFileSize && path == Self.databasePath
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        guard contents.count <= Self.maximumFileSize else {
            throw CatalogError(path: path, reason: "larger than \(Self.maximumFileSize >> 20) MiB")
        }
        var packages: [Package] = []
        var record = Record()
        var sawName = false
        var sawContent = false
        for line in OSDBLines(contents) {
            if OSDBText.isBlank(contents, line) {
                if let package = record.package(foundIn: path) { packages.append(package) }
                if packages.count >= Self.maximumRecords { return packages }
                record = Record()
                continue
            }
            sawContent = true
            guard line.count >= 2, contents[line.lowerBound + 1] == UInt8(ascii: ":") else { continue }
            let value = (line.lowerBound + 2)..<line.upperBound
            switch contents[line.lowerBound] {
            case UInt8(ascii: "P"):
                record.name = OSDBText.trimmedString(contents, value)
                sawName = true
            case UInt8(ascii: "V"): record.version = OSDBText.trimmedString(contents, value)
            case UInt8(ascii: "A"): record.architecture = OSDBText.trimmedString(contents, value)
            case UInt8(ascii: "o"): record.origin = OSDBText.trimmedString(contents, value)
            case UInt8(ascii: "L"): record.license = OSDBText.trimmedString(contents, value)
            default: break
            }
        }
        if let package = record.package(foundIn: path) { packages.append(package) }
        if sawContent && !sawName {
            throw CatalogError(path: path, reason: "no apk record with a P: line")
        }
        return packages
    }

    private struct Record {
        var name: String?
        var version: String?
        var architecture: String?
        var origin: String?
        var license: String?

        func package(foundIn path: String) -> Package? {
            guard let name, !name.isEmpty, let version, !version.isEmpty else { return nil }
            let architecture = architecture.flatMap { $0.isEmpty ? nil : $0 }
            let pair = SourcePackage.pair(name: name, version: version, sourceName: origin, sourceVersion: nil)
            let namespace = OSPackagePURL.provisionalNamespace(for: .apk)
            let licenses = license.flatMap { $0.isEmpty ? nil : [$0] } ?? []
            return Package(
                ecosystem: .apk, namespace: namespace, name: name, version: version,
                purl: OSPackagePURL.make(
                    ecosystem: .apk, namespace: namespace, name: name, version: version, architecture: architecture),
                sourceName: pair.name, sourceVersion: pair.version, architecture: architecture, licenses: licenses,
                foundIn: path)
        }
    }
}
