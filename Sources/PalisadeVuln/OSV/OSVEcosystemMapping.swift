import PalisadeSBOM

/// Which OSV ecosystem an installed package belongs to, and under which name advisories list it.
/// OS distributions publish per release (`Debian:12`, `Alpine:v3.19`, `Ubuntu:22.04:LTS`) and by
/// *source* package (a Debian advisory for `openssl` covers the binary `libssl3`), so the mapping
/// needs the image's OS release and the package's source name.
public enum OSVEcosystemMapping {
    /// The version scheme an ecosystem's versions follow (names as in `VersionScheme.name`).
    public enum Scheme: String, Sendable, Hashable {
        case dpkg, apk, rpm, pep440, semver, maven, rubygems
    }

    public struct Target: Sendable, Hashable {
        /// OSV ecosystem strings to look the package up under, most specific first.
        public var ecosystems: [String]
        /// The name advisories use (the source package for dpkg/apk/rpm when known).
        public var name: String
        public var scheme: Scheme
    }

    /// nil when the ecosystem has no OSV data Palisade can use (reported "not evaluated").
    public static func target(for package: Package, os: OSRelease?) -> Target? {
        switch package.ecosystem {
        case .deb:
            guard let os, let version = os.versionID, !version.isEmpty else { return nil }
            let name = package.sourceName ?? package.name
            switch os.id {
            case "debian":
                let major = version.split(separator: ".").first.map(String.init) ?? version
                return Target(ecosystems: ["Debian:\(major)"], name: name, scheme: .dpkg)
            case "ubuntu":
                return Target(ecosystems: ["Ubuntu:\(version):LTS", "Ubuntu:\(version)"], name: name, scheme: .dpkg)
            default:
                return nil
            }
        case .apk:
            guard let os, os.id == "alpine", let version = os.versionID else { return nil }
            let parts = version.split(separator: ".")
            guard parts.count >= 2 else { return nil }
            return Target(
                ecosystems: ["Alpine:v\(parts[0]).\(parts[1])"], name: package.sourceName ?? package.name, scheme: .apk)
        case .rpm:
            guard let os, let version = os.versionID else { return nil }
            let major = version.split(separator: ".").first.map(String.init) ?? version
            let name = package.sourceName ?? package.name
            switch os.id {
            case "almalinux": return Target(ecosystems: ["AlmaLinux:\(major)"], name: name, scheme: .rpm)
            case "rocky": return Target(ecosystems: ["Rocky Linux:\(major)"], name: name, scheme: .rpm)
            case "rhel": return Target(ecosystems: ["Red Hat"], name: name, scheme: .rpm)
            case "opensuse-leap": return Target(ecosystems: ["openSUSE:Leap \(version)"], name: name, scheme: .rpm)
            case "sles": return Target(ecosystems: ["SUSE:Linux Enterprise Server \(major)"], name: name, scheme: .rpm)
            default: return nil
            }
        case .pypi: return Target(ecosystems: ["PyPI"], name: package.name, scheme: .pep440)
        case .npm:
            let name = package.namespace.map { "\($0)/\(package.name)" } ?? package.name
            return Target(ecosystems: ["npm"], name: name, scheme: .semver)
        case .golang:
            let name = package.namespace.map { "\($0)/\(package.name)" } ?? package.name
            return Target(ecosystems: ["Go"], name: name, scheme: .semver)
        case .maven:
            let name = package.namespace.map { "\($0):\(package.name)" } ?? package.name
            return Target(ecosystems: ["Maven"], name: name, scheme: .maven)
        case .gem: return Target(ecosystems: ["RubyGems"], name: package.name, scheme: .rubygems)
        case .cargo: return Target(ecosystems: ["crates.io"], name: package.name, scheme: .semver)
        case .composer:
            let name = package.namespace.map { "\($0)/\(package.name)" } ?? package.name
            return Target(ecosystems: ["Packagist"], name: name, scheme: .semver)
        case .nuget: return Target(ecosystems: ["NuGet"], name: package.name, scheme: .semver)
        }
    }
}
