import Testing

@testable import PalisadeSBOM

@Suite struct SBOMAssemblerTests {
    @Test func fixesOSPurlsForDebian() throws {
        let packages = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: SBOMSamples.debian)
        let libc = try #require(packages.first { $0.name == "libc6" })
        #expect(libc.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12")
        #expect(libc.namespace == "debian")
        let npm = try #require(packages.first { $0.ecosystem == .npm })
        #expect(npm.purl == "pkg:npm/%40babel/core@7.24.0")
    }

    @Test func ubuntuNamespaceAndDistro() throws {
        let ubuntu = OSRelease(id: "ubuntu", versionID: "22.04", codename: "jammy", idLike: ["debian"])
        let packages = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: ubuntu)
        let libc = try #require(packages.first { $0.name == "libc6" })
        #expect(libc.purl == "pkg:deb/ubuntu/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=ubuntu-22.04")
        #expect(libc.namespace == "ubuntu")
    }

    @Test func alpineAndRpmVendors() throws {
        let alpine = SBOMAssembler.assemble(
            packages: SBOMSamples.everyEcosystem, os: OSRelease(id: "alpine", versionID: "3.19.1"))
        #expect(
            alpine.first { $0.ecosystem == .apk }?.purl
                == "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1")
        let rhel = SBOMAssembler.assemble(
            packages: SBOMSamples.everyEcosystem, os: OSRelease(id: "rhel", versionID: "9.3"))
        #expect(
            rhel.first { $0.ecosystem == .rpm }?.purl
                == "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&epoch=1")
        let fedora = SBOMAssembler.assemble(
            packages: SBOMSamples.everyEcosystem, os: OSRelease(id: "fedora", versionID: "40"))
        #expect(
            fedora.first { $0.ecosystem == .rpm }?.purl
                == "pkg:rpm/fedora/bash@5.1.8-6.el9?arch=x86_64&distro=fedora-40&epoch=1")
        #expect(SBOMAssembler.vendorNamespace(for: OSRelease(id: "opensuse-leap")) == "opensuse")
        #expect(SBOMAssembler.vendorNamespace(for: OSRelease(id: "rocky")) == "rocky")
    }

    @Test func codenameWhenNoVersionAndNothingWhenNeither() {
        #expect(SBOMAssembler.distroQualifier(for: OSRelease(id: "debian", codename: "trixie")) == "debian-trixie")
        #expect(SBOMAssembler.distroQualifier(for: OSRelease(id: "arch")) == nil)
        let packages = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: OSRelease(id: "wolfi"))
        #expect(packages.first { $0.ecosystem == .apk }?.purl == "pkg:apk/wolfi/musl@1.2.4-r2?arch=x86_64")
    }

    @Test func withoutOSPurlsStayProvisional() {
        let packages = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: nil)
        #expect(packages.first { $0.ecosystem == .deb }?.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64")
    }

    @Test func sortsByEcosystemNameVersionPathAndIsIndependentOfInputOrder() {
        let forward = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: SBOMSamples.debian)
        let backward = SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem.reversed(), os: SBOMSamples.debian)
        #expect(forward == backward)
        let ecosystems = forward.map(\.ecosystem.rawValue)
        #expect(ecosystems == ecosystems.sorted())
        let twoVersions = [
            SBOMSamples.package(.pypi, "b", "2.0", foundIn: "/b"),
            SBOMSamples.package(.pypi, "b", "10.0", foundIn: "/a"),
            SBOMSamples.package(.pypi, "a", "1.0", foundIn: "/z"),
        ]
        let sorted = SBOMAssembler.assemble(packages: twoVersions, os: nil)
        #expect(sorted.map(\.foundIn) == ["/z", "/a", "/b"])
    }

    @Test func duplicatesInTheSameFileAreMergedButNotAcrossFiles() {
        let one = SBOMSamples.package(.pypi, "requests", "2.31.0", foundIn: "/venv/a/METADATA")
        let other = SBOMSamples.package(.pypi, "requests", "2.31.0", foundIn: "/venv/b/METADATA")
        let packages = SBOMAssembler.assemble(packages: [one, other, one, one], os: nil)
        #expect(packages.count == 2)
        #expect(packages.map(\.foundIn) == ["/venv/a/METADATA", "/venv/b/METADATA"])
    }
}
