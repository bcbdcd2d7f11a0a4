import Testing

@testable import PalisadeSBOM

@Suite("Language: Java archives")
struct LanguageJavaTests {
    let cataloger = JavaArchiveCataloger()

    @Test(arguments: ["/app/lib/a.jar", "/srv/app.war", "/srv/app.ear", "/var/jenkins/plugins/git.jpi", "/x/y.hpi"])
    func wantsArchives(path: String) {
        #expect(cataloger.wants(path: path, size: 100_000, isExecutable: false))
    }

    @Test(arguments: ["/app/lib/a.jar.sha1", "/app/a.zip", "/app/jar", "/app/a.jarx"])
    func ignoresOtherFiles(path: String) {
        #expect(!cataloger.wants(path: path, size: 100_000, isExecutable: false))
    }

    @Test func refusesOversizedArchives() {
        #expect(!cataloger.wants(path: "/a.jar", size: 300 << 20, isExecutable: false))
    }

    @Test func readsPomProperties() throws {
        let bytes = try LanguageFixture.bytes("java/commons-io-2.11.0.jar")
        let packages = try catalog(cataloger, path: "/app/lib/commons-io-2.11.0.jar", bytes)
        #expect(packages.count == 1)
        let package = try #require(packages.first)
        #expect(package.purl == "pkg:maven/commons-io/commons-io@2.11.0")
        #expect(package.namespace == "commons-io")
        #expect(package.name == "commons-io")
        #expect(package.foundIn == "/app/lib/commons-io-2.11.0.jar")
    }

    @Test func readsNestedArchives() throws {
        let bytes = try LanguageFixture.bytes("java/shop-1.0.0.war")
        let packages = try catalog(cataloger, path: "/srv/shop-1.0.0.war", bytes)
        let byPurl = Dictionary(packages.map { ($0.purl, $0.foundIn) }, uniquingKeysWith: { first, _ in first })
        #expect(
            Set(byPurl.keys) == [
                "pkg:maven/com.example/shop@1.0.0",
                "pkg:maven/com.google/guava@32.1.2-jre",
                "pkg:maven/com.example/shaded-app@1.4.0",
                "pkg:maven/org.slf4j/slf4j-api@2.0.9",
                "pkg:maven/com.example/plugin-host@3.0.1",
                "pkg:maven/org.yaml/snakeyaml@2.2",
            ])
        #expect(byPurl["pkg:maven/com.example/shop@1.0.0"] == "/srv/shop-1.0.0.war")
        #expect(
            byPurl["pkg:maven/org.yaml/snakeyaml@2.2"]
                == "/srv/shop-1.0.0.war:WEB-INF/lib/plugin-host-3.0.1.jar:lib/snakeyaml-2.2.jar")
        #expect(
            packages.first { $0.name == "guava" }?.licenses == ["http://www.apache.org/licenses/LICENSE-2.0.txt"])
    }

    @Test func fileNameFallbackWithoutManifest() throws {
        let zip = TestZip(entries: [.init(name: "org/x/A.class", data: [0xCA, 0xFE, 0xBA, 0xBE])]).bytes()
        let packages = try catalog(cataloger, path: "/lib/spring-core-6.0.13.jar", zip)
        #expect(packages.map(\.purl) == ["pkg:maven/spring-core/spring-core@6.0.13"])
        #expect(try catalog(cataloger, path: "/lib/app.jar", zip).isEmpty)  // no version anywhere
    }

    @Test(
        arguments: [
            ("commons-io-2.11.0.jar", "commons-io", "2.11.0"), ("foo-bar-1.0-SNAPSHOT.jar", "foo-bar", "1.0-SNAPSHOT"),
            ("app.jar", "app", nil), ("x-y-z.war", "x-y-z", nil),
        ] as [(String, String, String?)])
    func splitsFileNames(name: String, artifact: String, version: String?) {
        let split = JavaArchiveCataloger.splitFileName(name)
        #expect(split.artifact == artifact)
        #expect(split.version == version)
    }

    @Test func manifestContinuationLines() {
        let manifest = JavaManifest(
            Array(
                "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.very.long.na\r\n me\r\n\r\nName: x\r\n".utf8)
        )
        #expect(manifest["Bundle-SymbolicName"] == "org.example.very.long.name")
        #expect(manifest["Name"] == nil)  // per-entry sections are not the main section
    }

    // MARK: hostile archives

    @Test func truncatedArchivesAreErrors() throws {
        let bytes = try LanguageFixture.bytes("java/commons-io-2.11.0.jar")
        for cut in [0, 10, 21, bytes.count / 2, bytes.count - 1] {
            let truncated = Array(bytes.prefix(cut))
            #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a-1.0.jar", truncated) }
        }
    }

    @Test func centralDirectoryPastTheEndIsAnError() {
        var zip = TestZip(entries: [.init(name: "a", data: [1])]).bytes()
        zip.replaceSubrange((zip.count - 6)..<(zip.count - 2), with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a-1.0.jar", zip) }
    }

    @Test func bombManifestIsSkippedNotInflated() throws {
        // Declares 100 bytes, inflates to 2 MiB: stopped at the declared size, the manifest is skipped.
        let lying = TestZip(entries: [
            .init(
                name: "META-INF/MANIFEST.MF", data: DeflateBomb.zeros(matches: 8_200), method: 8,
                declaredUncompressedSize: 100)
        ])
        #expect(try catalog(cataloger, path: "/lib/x-1.0.jar", lying.bytes()).map(\.version) == ["1.0"])
        // Declares 3 GiB: refused before inflating anything.
        let huge = TestZip(entries: [
            .init(
                name: "META-INF/MANIFEST.MF", data: DeflateBomb.zeros(matches: 10), method: 8,
                declaredUncompressedSize: 0xC000_0000)
        ])
        let archive = try huge.bytes().withUnsafeBytes { try ZipArchive($0) }
        let entry = try #require(archive.entries.first)
        #expect(throws: ZipArchive.ZipError.entryTooLarge("META-INF/MANIFEST.MF", 0xC000_0000)) {
            try huge.bytes().withUnsafeBytes { _ = try archive.contents(of: entry, in: $0, maxSize: 1 << 20) }
        }
    }

    @Test func unsupportedAndEncryptedEntriesAreSkipped() throws {
        let pom = Array("groupId=g\nartifactId=a\nversion=1\n".utf8)
        let zip = TestZip(entries: [
            .init(name: "META-INF/maven/g/a/pom.properties", data: pom, method: 12),  // bzip2
            .init(name: "META-INF/maven/g/b/pom.properties", data: pom, flags: 1),  // encrypted
        ])
        #expect(try catalog(cataloger, path: "/lib/app.jar", zip.bytes()).isEmpty)
    }

    @Test func nestingStopsAtTheDepthCap() throws {
        var archive = TestZip(entries: [
            .init(
                name: "META-INF/maven/g/level6/pom.properties",
                data: Array("groupId=g\nartifactId=level6\nversion=1\n".utf8))
        ]).bytes()
        for level in (0..<6).reversed() {
            let pom = Array("groupId=g\nartifactId=level\(level)\nversion=1\n".utf8)
            archive = TestZip(entries: [
                .init(name: "META-INF/maven/g/level\(level)/pom.properties", data: pom),
                .init(name: "lib/inner.jar", data: archive),
            ]).bytes()
        }
        let names = try catalog(cataloger, path: "/deep.jar", archive).map(\.name)
        #expect(names == ["level0", "level1", "level2", "level3", "level4"])
    }

    @Test func pomPropertiesPathsMustBeExact() {
        #expect(JavaArchiveCataloger.isPomProperties("META-INF/maven/g/a/pom.properties"))
        #expect(!JavaArchiveCataloger.isPomProperties("META-INF/maven/pom.properties"))
        #expect(!JavaArchiveCataloger.isPomProperties("META-INF/maven/g/a/b/pom.properties"))
        #expect(!JavaArchiveCataloger.isPomProperties("BOOT-INF/classes/META-INF/maven/g/a/pom.properties"))
    }
}
