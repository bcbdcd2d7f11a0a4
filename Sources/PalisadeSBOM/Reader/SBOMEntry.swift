/// One component (CycloneDX) or package (SPDX) reduced to what turning it into a `Package`
/// needs, so both formats share `SBOMPackageBuilder`.
struct SBOMEntry {
    var name: String?
    var version: String?
    var purl: String?
    /// CycloneDX `properties` (name → first value) or the SPDX facts mapped onto the same names.
    var properties: [String: String] = [:]
    var licenses: [String] = []
}

/// Turns an `SBOMEntry` into a `Package`: ecosystem, namespace and name from the purl; version
/// from the entry (it keeps a dpkg epoch that purls move to a qualifier); source package from
/// Syft's `upstream` qualifier, Trivy's `Src*` properties or Palisade's SPDX comment.
enum SBOMPackageBuilder {
    static func package(_ entry: SBOMEntry, file: String) -> Package? {
        guard let purlText = entry.purl, let purl = PackageURL.parse(purlText),
            let ecosystem = PackageEcosystem(rawValue: purl.type)
        else { return nil }
        let version = entry.version.flatMap { $0.isEmpty ? nil : $0 } ?? purlVersion(purl)
        guard let version else { return nil }
        let properties = entry.properties
        var sourceName: String?
        var sourceVersion: String?
        if let upstream = purl.qualifiers["upstream"] {
            (sourceName, sourceVersion) = splitUpstream(upstream, ecosystem: ecosystem)
        }
        if sourceName == nil, let name = properties["aquasecurity:trivy:SrcName"] {
            sourceName = name
            sourceVersion = trivySourceVersion(properties)
        }
        if sourceName == nil, let name = properties["palisade:sourceName"] {
            sourceName = name
            sourceVersion = properties["palisade:sourceVersion"]
        }
        if sourceName == name(purl) && (sourceVersion == nil || sourceVersion == version) {
            sourceName = nil
            sourceVersion = nil
        }
        let foundIn =
            properties["palisade:foundIn"] ?? properties["syft:location:0:path"] ?? file
        let layer =
            properties["palisade:layer"] ?? properties["aquasecurity:trivy:LayerDiffID"]
            ?? properties["syft:location:0:layerID"]
        return Package(
            ecosystem: ecosystem, namespace: purl.namespace, name: purl.name, version: version,
            purl: purlText, sourceName: sourceName, sourceVersion: sourceVersion,
            architecture: purl.qualifiers["arch"], licenses: entry.licenses, foundIn: foundIn, layer: layer)
    }

    private static func name(_ purl: PackageURL) -> String { purl.name }

    /// The purl's version with its `epoch` qualifier put back in front (`1:2.38.1-5`).
    static func purlVersion(_ purl: PackageURL) -> String? {
        guard let version = purl.version else { return nil }
        if let epoch = purl.qualifiers["epoch"], epoch != "0", !version.contains(":") { return epoch + ":" + version }
        return version
    }

    /// Syft writes `upstream=openssl`, `upstream=openssl@3.0.11-1` (deb/apk) or
    /// `upstream=openssl-3.0.7-27.el9.src.rpm` (rpm).
    static func splitUpstream(_ upstream: String, ecosystem: PackageEcosystem) -> (String?, String?) {
        if let at = upstream.firstIndex(of: "@") {
            let name = String(upstream[..<at])
            let version = String(upstream[upstream.index(after: at)...])
            return (name.isEmpty ? nil : name, version.isEmpty ? nil : version)
        }
        if ecosystem == .rpm, upstream.hasSuffix(".src.rpm") {
            let base = upstream.dropLast(".src.rpm".count)
            let parts = base.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count >= 3 {
                let name = parts.dropLast(2).joined(separator: "-")
                return (name, parts[parts.count - 2] + "-" + parts[parts.count - 1])
            }
        }
        return (upstream.isEmpty ? nil : upstream, nil)
    }

    /// `[epoch:]version[-release]` from Trivy's `SrcEpoch`/`SrcVersion`/`SrcRelease`.
    static func trivySourceVersion(_ properties: [String: String]) -> String? {
        guard var version = properties["aquasecurity:trivy:SrcVersion"], !version.isEmpty else { return nil }
        if let release = properties["aquasecurity:trivy:SrcRelease"], !release.isEmpty { version += "-" + release }
        if let epoch = properties["aquasecurity:trivy:SrcEpoch"], !epoch.isEmpty, epoch != "0" {
            version = epoch + ":" + version
        }
        return version
    }

    /// `debian-12.4` → (`debian`, `12.4`); `opensuse-leap-15.5` → (`opensuse-leap`, `15.5`).
    static func osRelease(distro: String) -> OSRelease? {
        guard !distro.isEmpty else { return nil }
        if let dash = distro.lastIndex(of: "-"), dash != distro.startIndex {
            let version = distro[distro.index(after: dash)...]
            if let first = version.first, first.isNumber {
                return OSRelease(id: distro[..<dash].lowercased(), versionID: String(version))
            }
        }
        return OSRelease(id: distro.lowercased())
    }
}
