import PalisadeSBOM
import Testing

/// Palisade's own CycloneDX and SPDX output reads back as the packages that were written.
@Suite struct SBOMReaderRoundTripTests {
    static let packages: [Package] = [
        Package(
            ecosystem: .deb, namespace: "debian", name: "libssl3", version: "3.0.11-1~deb12u2",
            purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", sourceName: "openssl",
            sourceVersion: "3.0.11-1~deb12u2", architecture: "amd64", licenses: ["Apache-2.0"],
            foundIn: "/var/lib/dpkg/status", layer: "sha256:aaaa"),
        Package(
            ecosystem: .deb, namespace: "debian", name: "bsdutils", version: "1:2.38.1-5+deb12u3",
            purl: "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12", sourceName: "util-linux",
            sourceVersion: "2.38.1-5+deb12u3", architecture: "amd64", foundIn: "/var/lib/dpkg/status",
            layer: "sha256:aaaa"),
        Package(
            ecosystem: .pypi, name: "requests", version: "2.31.0", purl: "pkg:pypi/requests@2.31.0",
            licenses: ["Apache-2.0"], foundIn: "/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
            layer: "sha256:bbbb"),
        Package(
            ecosystem: .maven, namespace: "org.apache.logging.log4j", name: "log4j-core", version: "2.14.1",
            purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", foundIn: "/app/app.jar"),
    ]

    static let document = SBOMDocument(
        subjectName: "example:1", subjectDigest: "sha256:cccc",
        os: OSRelease(
            id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"),
        packages: packages, toolVersion: "0.0.0-test", created: "2026-01-01T00:00:00Z")

    /// The facts a vulnerability scan depends on, plus where each package came from.
    static func key(_ p: Package) -> String {
        [
            p.ecosystem.rawValue, p.namespace ?? "-", p.name, p.version, p.purl, p.architecture ?? "-", p.foundIn,
            p.layer ?? "-",
        ].joined(separator: "|")
    }

    @Test func cycloneDX() throws {
        let sbom = try SBOMReaderSupport.read(CycloneDXWriter.write(Self.document))
        #expect(sbom.format == .cycloneDX)
        #expect(sbom.packages.map(Self.key) == Self.packages.map(Self.key))
        #expect(sbom.os?.id == "debian")
        #expect(sbom.os?.versionID == "12")
        #expect(sbom.skipped == 0)
        #expect(sbom.packages.first?.licenses == ["Apache-2.0"])
    }

    @Test func spdx() throws {
        let sbom = try SBOMReaderSupport.read(SPDXWriter.write(Self.document))
        #expect(sbom.format == .spdx)
        #expect(sbom.packages.map(Self.key) == Self.packages.map(Self.key))
        #expect(sbom.os?.id == "debian")
        #expect(sbom.skipped == 0)
        // Palisade's SPDX keeps the source package in the package comment.
        #expect(sbom.packages[0].sourceName == "openssl")
        #expect(sbom.packages[1].sourceName == "util-linux")
        #expect(sbom.packages[1].sourceVersion == "2.38.1-5+deb12u3")
    }
}
