/// Builds the purl of an OS package. Catalogers call it with a provisional vendor namespace
/// (they see one file, not the image's `/etc/os-release`); `SBOMAssembler` calls it again with
/// the namespace and `distro` qualifier of the detected OS. One function for both keeps the two
/// purls identical except for what the OS adds.
enum OSPackagePURL {
    /// Namespace a cataloger uses before the OS is known.
    static func provisionalNamespace(for ecosystem: PackageEcosystem) -> String {
        switch ecosystem {
        case .apk: return "alpine"
        case .rpm: return "redhat"
        default: return "debian"
        }
    }

    /// `pkg:<deb|apk|rpm>/<namespace>/<name>@<version>?arch=…&distro=…&epoch=…`. For rpm the
    /// epoch (`1:` in `version`) moves to the `epoch` qualifier, as the purl rpm type requires.
    static func make(
        ecosystem: PackageEcosystem, namespace: String, name: String, version: String, architecture: String?,
        distro: String? = nil
    ) -> String {
        var qualifiers: [String: String] = [:]
        if let architecture { qualifiers["arch"] = architecture }
        if let distro { qualifiers["distro"] = distro }
        var purlVersion = version
        if ecosystem == .rpm, let split = RpmVersion.splitEpoch(version) {
            qualifiers["epoch"] = split.epoch
            purlVersion = split.rest
        }
        return PackageURL(
            type: ecosystem.rawValue, namespace: namespace, name: name, version: purlVersion, qualifiers: qualifiers
        ).description
    }
}

/// RPM's `epoch:version-release` notation.
enum RpmVersion {
    /// `("1", "2.3-4.el9")` for `1:2.3-4.el9`; nil when there is no numeric epoch prefix.
    static func splitEpoch(_ version: String) -> (epoch: String, rest: String)? {
        guard let colon = version.firstIndex(of: ":") else { return nil }
        let epoch = version[..<colon]
        guard !epoch.isEmpty, epoch.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (String(epoch), String(version[version.index(after: colon)...]))
    }
}
