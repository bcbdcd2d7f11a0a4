/// RPM packages (RHEL, CentOS, Rocky, AlmaLinux, Fedora, Amazon Linux, openSUSE, …) from rpm's
/// sqlite database, `/var/lib/rpm/rpmdb.sqlite` or `/usr/lib/sysimage/rpm/rpmdb.sqlite`
/// (rpm ≥ 4.16, the default since Fedora 33, RHEL 9 and openSUSE Tumbleweed).
///
/// Documented gap: the older BerkeleyDB `Packages` (RHEL ≤ 8, CentOS 7/8, Amazon Linux 2) and
/// SUSE's NDB `Packages.db` formats are not read; images using them get no rpm packages, and
/// `wants` does not ask for those files, so no misleading error is reported either.
///
/// Each `Packages.blob` is an RPM header (see `RpmHeader`); `gpg-pubkey` pseudo-packages are
/// skipped. `version` is `epoch:version-release` (epoch only when set), what rpm compares; the
/// purl carries `version-release` and an `epoch` qualifier, with a provisional `redhat`
/// namespace that `SBOMAssembler` replaces from the image's OS.
public struct RpmCataloger: PackageCataloger {
    public let id = "rpm"
    public static let maximumFileSize = 1 << 30
    static let databasePaths: Set<String> = [
        "/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite",
    ]
    static let maximumPackages = 500_000

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        size <= Self.maximumFileSize && path.hasSuffix("/rpmdb.sqlite") && Self.databasePaths.contains(path)
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        guard contents.count <= Self.maximumFileSize else {
            throw CatalogError(path: path, reason: "larger than \(Self.maximumFileSize >> 20) MiB")
        }
        var packages: [Package] = []
        var corruptHeaders = 0
        do {
            try RpmSQLiteDatabase.forEachBlob(in: contents, limit: Self.maximumPackages) { blob in
                do {
                    let header = try RpmHeader(blob: blob)
                    if let package = Self.package(from: header, path: path) { packages.append(package) }
                } catch {
                    corruptHeaders += 1
                }
            }
        } catch {
            throw CatalogError(path: path, reason: error.reason)
        }
        if packages.isEmpty && corruptHeaders > 0 {
            throw CatalogError(path: path, reason: "\(corruptHeaders) corrupt RPM header(s) and no readable package")
        }
        return packages
    }

    static func package(from header: RpmHeader, path: String) -> Package? {
        guard let name = header.string(.name), !name.isEmpty, name != "gpg-pubkey",
            let upstream = header.string(.version), !upstream.isEmpty
        else { return nil }
        var version = upstream
        if let release = header.string(.release), !release.isEmpty { version += "-" + release }
        if let epoch = header.int32(.epoch) { version = "\(epoch):" + version }
        let architecture = header.string(.arch).flatMap { $0.isEmpty ? nil : $0 }
        let source = header.string(.sourceRPM).flatMap(parseSourceRPM)
        // The source RPM's file name has no epoch; compare against the binary without it.
        let versionWithoutEpoch = RpmVersion.splitEpoch(version)?.rest ?? version
        let pair = SourcePackage.pair(
            name: name, version: versionWithoutEpoch, sourceName: source?.name, sourceVersion: source?.version)
        let namespace = OSPackagePURL.provisionalNamespace(for: .rpm)
        let licenses = header.string(.license).flatMap { $0.isEmpty ? nil : [$0] } ?? []
        return Package(
            ecosystem: .rpm, namespace: namespace, name: name, version: version,
            purl: OSPackagePURL.make(
                ecosystem: .rpm, namespace: namespace, name: name, version: version, architecture: architecture),
            sourceName: pair.name, sourceVersion: pair.version, architecture: architecture, licenses: licenses,
            foundIn: path)
    }

    /// `bash-5.1.8-6.el9.src.rpm` → (`bash`, `5.1.8-6.el9`).
    static func parseSourceRPM(_ file: String) -> (name: String, version: String)? {
        var base = Substring(file)
        for suffix in [".src.rpm", ".nosrc.rpm"] where base.hasSuffix(suffix) {
            base = base.dropLast(suffix.count)
        }
        guard let releaseDash = base.lastIndex(of: "-") else { return nil }
        let beforeRelease = base[..<releaseDash]
        guard let versionDash = beforeRelease.lastIndex(of: "-") else { return nil }
        let name = beforeRelease[..<versionDash]
        let version = base[base.index(after: versionDash)...]
        guard !name.isEmpty, !version.isEmpty, base.index(after: releaseDash) < base.endIndex else { return nil }
        return (String(name), String(version))
    }
}
