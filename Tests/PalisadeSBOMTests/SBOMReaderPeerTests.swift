import PalisadeSBOM
import Testing

/// Real SBOMs written by Trivy 0.76.0 for the bookworm test image (see Fixtures/sbom-peers/SOURCES.md).
@Suite struct SBOMReaderPeerTests {
    @Test func trivyCycloneDX() throws {
        let sbom = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("trivy-0.76.0-bookworm.cdx.json"))
        #expect(sbom.format == .cycloneDX)
        #expect(sbom.specVersion == "1.7")
        #expect(sbom.os?.id == "debian")
        #expect(sbom.os?.versionID == "12.15")
        #expect(sbom.packages.count == 18)
        #expect(sbom.skipped == 0)
        let libssl = try #require(sbom.packages.first { $0.name == "libssl3" })
        #expect(libssl.ecosystem == .deb)
        #expect(libssl.namespace == "debian")
        #expect(libssl.version == "3.0.20-1~deb12u2")
        #expect(libssl.sourceName == "openssl")
        #expect(libssl.sourceVersion == "3.0.20-1~deb12u2")
        #expect(libssl.architecture == "amd64")
        #expect(libssl.layer?.hasPrefix("sha256:") == true)
        // Epoch: the purl moves it to a qualifier, the component version keeps it.
        let bsdutils = try #require(sbom.packages.first { $0.name == "bsdutils" })
        #expect(bsdutils.version == "1:2.38.1-5+deb12u3")
        #expect(bsdutils.sourceName == "util-linux")
        #expect(bsdutils.sourceVersion == "2.38.1-5+deb12u3")
        let gmp = try #require(sbom.packages.first { $0.name == "libgmp10" })
        #expect(gmp.sourceName == "gmp")
        #expect(gmp.sourceVersion == "2:6.2.1+dfsg1-1.1")
        let requests = try #require(sbom.packages.first { $0.name == "requests" })
        #expect(requests.ecosystem == .pypi)
        #expect(requests.version == "2.31.0")
        #expect(requests.sourceName == nil)
        let adduser = try #require(sbom.packages.first { $0.name == "adduser" })
        #expect(adduser.sourceName == nil, "a source package equal to the binary is not repeated")
    }

    @Test func trivySPDX() throws {
        let sbom = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("trivy-0.76.0-bookworm.spdx.json"))
        #expect(sbom.format == .spdx)
        #expect(sbom.specVersion == "2.3")
        #expect(sbom.os == OSRelease(id: "debian", versionID: "12.15"))
        #expect(sbom.packages.count == 18)
        #expect(sbom.skipped == 0)
        let libssl = try #require(sbom.packages.first { $0.name == "libssl3" })
        #expect(libssl.version == "3.0.20-1~deb12u2")
        #expect(libssl.sourceName == "openssl")
        let six = try #require(sbom.packages.first { $0.name == "six" })
        #expect(six.ecosystem == .pypi)
        #expect(six.licenses == ["MIT"])
    }

    @Test func bothTrivyFormatsAgreeOnPackages() throws {
        let cdx = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("trivy-0.76.0-bookworm.cdx.json"))
        let spdx = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("trivy-0.76.0-bookworm.spdx.json"))
        let key: (Package) -> String = { "\($0.ecosystem) \($0.name) \($0.version) \($0.purl)" }
        #expect(Set(cdx.packages.map(key)) == Set(spdx.packages.map(key)))
    }

    /// Syft's CycloneDX for a go.mod: Go module path split into namespace and name, location from
    /// `syft:location:0:path`.
    @Test func syftCycloneDX() throws {
        let sbom = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("syft-identify-1.5.cdx.json"))
        #expect(sbom.format == .cycloneDX)
        #expect(sbom.specVersion == "1.5")
        #expect(sbom.skipped == 0)
        #expect(sbom.os == nil)
        let package = try #require(sbom.packages.first)
        #expect(sbom.packages.count == 1)
        #expect(package.ecosystem == .golang)
        #expect(package.namespace == "github.com/wagoodman")
        #expect(package.name == "go-partybus")
        #expect(package.version == "v0.0.0-20230516145632-8ccac152c651")
        #expect(package.foundIn == "/go.mod")
    }

    /// Syft's SPDX encoder snapshot: one deb package, one entry with Syft's placeholder purl
    /// (skipped), and the image itself (not a package, not counted).
    @Test func syftSPDX() throws {
        let sbom = try SBOMReaderSupport.read(try SBOMReaderSupport.fixture("syft-image-encoder.spdx.json"))
        #expect(sbom.format == .spdx)
        #expect(sbom.packages.map(\.name) == ["package-2"])
        #expect(sbom.packages.first?.ecosystem == .deb)
        #expect(sbom.packages.first?.version == "2.0.1")
        #expect(sbom.packages.first?.licenses == [])
        #expect(sbom.skipped == 1)
        #expect(sbom.skippedExample == "a-purl-1")
    }
}
