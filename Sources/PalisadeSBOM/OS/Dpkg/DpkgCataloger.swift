/// Debian and Ubuntu packages from dpkg's database: `/var/lib/dpkg/status`, and the
/// one-stanza-per-file `/var/lib/dpkg/status.d/<name>` that distroless images write instead
/// (their `*.md5sums` companions are ignored).
///
/// A stanza counts when its `Status` says the package's files are on disk: want `install` or
/// `hold`, no error flag, and state `installed` or one of the `triggers-*` states (installed,
/// triggers not yet run). `deinstall`/`purge` selections, `config-files`, `half-installed`,
/// `unpacked`, `half-configured` and `not-installed` are skipped. Distroless stanzas have no
/// `Status` at all and always count. A stanza without `Package` or `Version`, or with a line
/// that is not a field, is skipped; a file with content but no usable stanza at all throws.
///
/// The purl's namespace is provisionally `debian`; `SBOMAssembler` replaces it with the image's
/// OS (`ubuntu`, …) and adds `distro=debian-12`. dpkg does not record licences, so `licenses`
/// stays empty.
public struct DpkgCataloger: PackageCataloger {
    public let id = "dpkg"
    /// Larger than any real status file (a full Debian desktop is ~10 MB).
    public static let maximumFileSize = 256 << 20

    static let statusPath = "/var/lib/dpkg/status"
    static let distrolessDirectory = "/var/lib/dpkg/status.d/"
    private static let parser = DebianControlParser(fields: [
        "Package", "Status", "Version", "Architecture", "Source",
    ])

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        guard size <= Self.maximumFileSize else { return false }
        if path == Self.statusPath { return true }
        guard path.hasPrefix(Self.distrolessDirectory), !path.hasSuffix(".md5sums") else { return false }
        let name = path.utf8.dropFirst(Self.distrolessDirectory.utf8.count)
        return !name.isEmpty && !name.contains(UInt8(ascii: "/"))
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        guard contents.count <= Self.maximumFileSize else {
            throw CatalogError(path: path, reason: "larger than \(Self.maximumFileSize >> 20) MiB")
        }
        let isDistroless = path != Self.statusPath
        let stanzas = Self.parser.stanzas(in: contents)
        var packages: [Package] = []
        var sawPackageField = false
        for stanza in stanzas {
            if stanza.fields["Package"] != nil { sawPackageField = true }
            if let package = Self.package(from: stanza, path: path, requireStatus: !isDistroless) {
                packages.append(package)
            }
        }
        if packages.isEmpty && !sawPackageField && !stanzas.isEmpty {
            throw CatalogError(path: path, reason: "no dpkg stanza with a Package field")
        }
        return packages
    }

    static func package(from stanza: DebianControlParser.Stanza, path: String, requireStatus: Bool) -> Package? {
        guard !stanza.isMalformed,
            let name = stanza.fields["Package"], !name.isEmpty,
            let version = stanza.fields["Version"], !version.isEmpty
        else { return nil }
        if let status = stanza.fields["Status"] {
            guard isInstalled(status: status) else { return nil }
        } else if requireStatus {
            return nil
        }
        let architecture = stanza.fields["Architecture"].flatMap { $0.isEmpty ? nil : $0 }
        let source = stanza.fields["Source"].map(parseSource)
        let pair = SourcePackage.pair(
            name: name, version: version, sourceName: source?.name, sourceVersion: source?.version)
        let namespace = OSPackagePURL.provisionalNamespace(for: .deb)
        return Package(
            ecosystem: .deb, namespace: namespace, name: name, version: version,
            purl: OSPackagePURL.make(
                ecosystem: .deb, namespace: namespace, name: name, version: version, architecture: architecture),
            sourceName: pair.name, sourceVersion: pair.version, architecture: architecture, foundIn: path)
    }

    /// `Status: <want> <error> <state>`.
    static func isInstalled(status: String) -> Bool {
        let words = status.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 3 else { return false }
        guard words[0] == "install" || words[0] == "hold", words[1] == "ok" else { return false }
        return words[2] == "installed" || words[2] == "triggers-awaited" || words[2] == "triggers-pending"
    }

    /// `Source: glibc (2.36-9+deb12u4)` → (`glibc`, `2.36-9+deb12u4`); `Source: glibc` → (`glibc`, nil).
    static func parseSource(_ value: String) -> (name: String, version: String?) {
        guard let open = value.firstIndex(of: "(") else {
            return (OSDBText.trimmed(value), nil)
        }
        let name = OSDBText.trimmed(value[..<open])
        let afterOpen = value[value.index(after: open)...]
        let inside = afterOpen.firstIndex(of: ")").map { afterOpen[..<$0] } ?? afterOpen
        let version = OSDBText.trimmed(inside)
        return (name, version.isEmpty ? nil : version)
    }
}
