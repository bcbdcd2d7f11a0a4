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
}
