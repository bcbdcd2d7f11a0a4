/// Turns the packages the catalogers found in an image's merged filesystem into the SBOM's
/// package list: OS package purls get the vendor namespace and `distro` qualifier of the
/// detected OS (catalogers cannot know it), identical packages reported twice for the same
/// file are merged, and the order is fixed so documents are reproducible.
public enum SBOMAssembler {
    /// Sorted by ecosystem, name, version, then path (and the remaining fields, so the order is
    /// total); duplicates (same purl and `foundIn`) are kept once.
    public static func assemble(packages: [Package], os: OSRelease?) -> [Package] {
        let fixed = packages.map { fixOSPackage($0, os: os) }
        let sorted = fixed.sorted(by: isOrderedBefore)
        var seen: Set<DuplicateKey> = []
        var result: [Package] = []
        result.reserveCapacity(sorted.count)
        for package in sorted where seen.insert(DuplicateKey(purl: package.purl, foundIn: package.foundIn)).inserted {
            result.append(package)
        }
        return result
    }

    /// The purl namespace for OS packages on `os`: the os-release `ID`, with the vendor names
    /// the purl types use for Red Hat (`rhel` → `redhat`) and SUSE.
    public static func vendorNamespace(for os: OSRelease) -> String {
        switch os.id {
        case "rhel": return "redhat"
        case "opensuse", "opensuse-leap", "opensuse-tumbleweed", "opensuse-microos": return "opensuse"
        case "sles", "sled", "sle-micro": return "suse"
        case "": return "linux"
        default: return os.id
        }
    }

    /// `debian-12`, `ubuntu-22.04`, `alpine-3.19.1`; the codename when there is no version
    /// (Debian testing: `debian-trixie`); nil when neither is known.
    public static func distroQualifier(for os: OSRelease) -> String? {
        if let version = os.versionID, !version.isEmpty { return "\(os.id)-\(version)" }
        if let codename = os.codename, !codename.isEmpty { return "\(os.id)-\(codename)" }
        return nil
    }

    static func fixOSPackage(_ package: Package, os: OSRelease?) -> Package {
        guard let os, package.ecosystem == .deb || package.ecosystem == .apk || package.ecosystem == .rpm else {
            return package
        }
        var fixed = package
        let namespace = vendorNamespace(for: os)
        fixed.namespace = namespace
        fixed.purl = OSPackagePURL.make(
            ecosystem: package.ecosystem, namespace: namespace, name: package.name, version: package.version,
            architecture: package.architecture, distro: distroQualifier(for: os))
        return fixed
    }

    private struct DuplicateKey: Hashable {
        var purl: String
        var foundIn: String
    }

    private static func isOrderedBefore(_ lhs: Package, _ rhs: Package) -> Bool {
        let left = [
            lhs.ecosystem.rawValue, lhs.name, lhs.version, lhs.foundIn, lhs.purl, lhs.layer ?? "",
            lhs.namespace ?? "", lhs.architecture ?? "", lhs.sourceName ?? "", lhs.sourceVersion ?? "",
            lhs.licenses.joined(separator: "\n"),
        ]
        let right = [
            rhs.ecosystem.rawValue, rhs.name, rhs.version, rhs.foundIn, rhs.purl, rhs.layer ?? "",
            rhs.namespace ?? "", rhs.architecture ?? "", rhs.sourceName ?? "", rhs.sourceVersion ?? "",
            rhs.licenses.joined(separator: "\n"),
        ]
        return left.lexicographicallyPrecedes(right)
    }
}
