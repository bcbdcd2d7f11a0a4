@testable import PalisadeSBOM

/// A package list covering every ecosystem, as catalogers report it, for assembler and writer tests.
enum SBOMSamples {
    static let debian = OSRelease(
        id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)",
        idLike: [])
    static let layer = "sha256:" + String(repeating: "ab", count: 32)
    static let digest = "sha256:" + String(repeating: "cd", count: 32)

    static func package(
        _ ecosystem: PackageEcosystem, _ name: String, _ version: String, namespace: String? = nil,
        licenses: [String] = [], foundIn: String, architecture: String? = nil
    ) -> Package {
        let purl: String
        switch ecosystem {
        case .deb, .apk, .rpm:
            purl = OSPackagePURL.make(
                ecosystem: ecosystem, namespace: OSPackagePURL.provisionalNamespace(for: ecosystem), name: name,
                version: version, architecture: architecture)
        default:
            purl = PackageURL(type: ecosystem.rawValue, namespace: namespace, name: name, version: version).description
        }
        return Package(
            ecosystem: ecosystem, namespace: namespace, name: name, version: version, purl: purl,
            architecture: architecture, licenses: licenses, foundIn: foundIn, layer: layer)
    }

    /// One package per ecosystem, in no particular order, with licences of every kind.
    static let everyEcosystem: [Package] = [
        package(
            .npm, "core", "7.24.0", namespace: "@babel", licenses: ["MIT"],
            foundIn: "/app/node_modules/@babel/core/package.json"),
        package(.deb, "libc6", "2.36-9+deb12u4", foundIn: "/var/lib/dpkg/status", architecture: "amd64"),
        package(.apk, "musl", "1.2.4-r2", licenses: ["MIT"], foundIn: "/lib/apk/db/installed", architecture: "x86_64"),
        package(
            .rpm, "bash", "1:5.1.8-6.el9", licenses: ["GPL-3.0-or-later"], foundIn: "/var/lib/rpm/rpmdb.sqlite",
            architecture: "x86_64"),
        package(
            .pypi, "django-allauth", "0.61.1", licenses: ["MIT"],
            foundIn: "/usr/lib/python3/dist-packages/django_allauth-0.61.1.dist-info/METADATA"),
        package(.golang, "github.com/gorilla/mux", "v1.8.1", licenses: ["BSD-3-Clause"], foundIn: "/usr/local/bin/app"),
        package(
            .maven, "batik-anim", "1.9.1", namespace: "org.apache.xmlgraphics", licenses: ["Apache-2.0"],
            foundIn: "/app/lib/batik-anim-1.9.1.jar"),
        package(
            .gem, "rails", "7.1.3", licenses: ["MIT"], foundIn: "/usr/local/bundle/specifications/rails-7.1.3.gemspec"),
        package(.cargo, "rand", "0.8.5", licenses: ["MIT OR Apache-2.0"], foundIn: "/usr/local/bin/tool"),
        package(
            .composer, "framework", "10.0.0", namespace: "laravel", licenses: ["MIT", "custom licence text"],
            foundIn: "/app/vendor/composer/installed.json"),
        package(
            .nuget, "Newtonsoft.Json", "13.0.3", licenses: ["GPL-2.0-only WITH Classpath-exception-2.0", "MIT"],
            foundIn: "/app/app.deps.json"),
    ]
}
