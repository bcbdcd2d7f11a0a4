import PalisadeSBOM
import Testing

@Suite struct SBOMReaderTests {
    /// Syft's purl shape: `upstream` and `distro` qualifiers carry source package and OS.
    @Test(
        arguments: [
            ("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12", "openssl", nil),
            (
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl%403.0.11-1&distro=debian-12", "openssl",
                "3.0.11-1"
            ),
            (
                "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?upstream=openssl-3.0.7-27.el9.src.rpm&distro=rhel-9.4",
                "openssl",
                "3.0.7-27.el9"
            ),
        ] as [(String, String, String?)])
    func syftUpstreamQualifier(purl: String, source: String, sourceVersion: String?) throws {
        let sbom = try SBOMReaderSupport.read(
            """
            {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
              {"type":"library","name":"x","version":"1","purl":"\(purl)"}]}
            """)
        let package = try #require(sbom.packages.first)
        #expect(package.sourceName == source)
        #expect(package.sourceVersion == sourceVersion)
    }

    @Test(arguments: [
        ("debian-12", "debian", "12"), ("debian-12.4", "debian", "12.4"), ("alpine-3.19.1", "alpine", "3.19.1"),
        ("ubuntu-22.04", "ubuntu", "22.04"),
    ])
    func osFromDistroQualifier(distro: String, id: String, version: String) throws {
        let sbom = try SBOMReaderSupport.read(
            """
            {"bomFormat":"CycloneDX","specVersion":"1.4","components":[
              {"type":"library","name":"zlib","version":"1.3-r2","purl":"pkg:apk/alpine/zlib@1.3-r2?distro=\(distro)"}]}
            """)
        #expect(sbom.os?.id == id)
        #expect(sbom.os?.versionID == version)
    }

    @Test func nestedComponentsAndSkippedTypes() throws {
        let sbom = try SBOMReaderSupport.read(
            """
            {"bomFormat":"CycloneDX","specVersion":"1.2","components":[
              {"type":"file","name":".","components":[
                {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"},
                {"type":"library","name":"actions/cache","version":"v1","purl":"pkg:github/actions/cache@v1"},
                {"type":"library","name":"@babel/core","purl":"pkg:npm/%40babel/core@7.24.0"}]},
              {"type":"library","name":"bare","version":"1.0"}]}
            """)
        #expect(sbom.packages.map(\.name) == ["lodash", "core"])
        #expect(sbom.packages.last?.namespace == "@babel")
        #expect(sbom.packages.last?.version == "7.24.0", "version falls back to the purl's")
        #expect(sbom.skipped == 2)
        #expect(sbom.skippedExample == "pkg:github/actions/cache@v1")
        #expect(sbom.os == nil)
    }

    @Test(arguments: [
        ("not json at all {", "not valid JSON"),
        ("[1, 2, 3]", "expected a JSON object"),
        ("{\"hello\": \"world\"}", "not a CycloneDX or SPDX"),
        ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}", "unsupported CycloneDX specVersion"),
        (
            "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": {\"a\": 1}}",
            "'components' must be an array"
        ),
        ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [42]}", "must be an object"),
        ("{\"spdxVersion\": \"SPDX-3.0\"}", "unsupported spdxVersion"),
        ("{\"spdxVersion\": \"SPDX-2.3\", \"packages\": \"x\"}", "'packages' must be an array"),
        ("", "empty document"),
    ])
    func badInputIsOneClearLine(text: String, expected: String) {
        do {
            _ = try SBOMReaderSupport.read(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("test.json"))
        }
    }

    @Test func validSBOMWithoutPackagesIsNotAnError() throws {
        let sbom = try SBOMReaderSupport.read("{\"spdxVersion\": \"SPDX-2.2\", \"packages\": []}")
        #expect(sbom.packages.isEmpty)
        #expect(sbom.specVersion == "2.2")
    }

    @Test func purlParsing() throws {
        let purl = try #require(PackageURL.parse("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64"))
        #expect(purl.type == "deb")
        #expect(purl.namespace == "debian")
        #expect(purl.name == "libstdc++6")
        #expect(purl.version == "12.2.0-14+deb12u1")
        #expect(purl.qualifiers == ["arch": "amd64"])
        let go = try #require(PackageURL.parse("pkg:golang/github.com/sirupsen/logrus@v1.9.3#sub/path"))
        #expect(go.namespace == "github.com/sirupsen")
        #expect(go.name == "logrus")
        #expect(go.subpath == "sub/path")
        #expect(
            PackageURL.parse("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64")?.description
                == "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64")
        #expect(PackageURL.parse("not a purl") == nil)
        #expect(PackageURL.parse("pkg:") == nil)
        #expect(PackageURL.parse("pkg:npm") == nil)
        #expect(PackageURL.parse("pkg:npm/") == nil)
    }
}
