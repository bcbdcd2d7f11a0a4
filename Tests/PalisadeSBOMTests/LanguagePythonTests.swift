import Testing

@testable import PalisadeSBOM

@Suite("Language: Python")
struct LanguagePythonTests {
    let cataloger = PythonPackageCataloger()

    @Test(arguments: [
        "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
        "/usr/local/lib/python3.11/site-packages/attrs-26.1.0.dist-info/METADATA",
        "/usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO",
        "/usr/lib/python3/dist-packages/crcmod-1.7.egg-info",
    ])
    func wantsMetadataFiles(path: String) {
        #expect(cataloger.wants(path: path, size: 4_000, isExecutable: false))
    }

    @Test(arguments: [
        "/app/METADATA",
        "/usr/lib/python3/dist-packages/foo/METADATA",
        "/usr/lib/python3/dist-packages/x.dist-info/RECORD",
        "/usr/lib/python3/dist-packages/x.dist-info/METADATA.bak",
        "/usr/lib/python3/dist-packages/x.egg-info/requires.txt",
        "/srv/PKG-INFO",
    ])
    func ignoresLookAlikes(path: String) {
        #expect(!cataloger.wants(path: path, size: 4_000, isExecutable: false))
    }

    @Test func refusesHugeFiles() {
        #expect(!cataloger.wants(path: "/x.dist-info/METADATA", size: 64 << 20, isExecutable: false))
    }

    @Test func readsRealWheelMetadata() throws {
        let bytes = try LanguageFixture.bytes("python/PyYAML-6.0.dist-info/METADATA")
        let path = "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA"
        let packages = try catalog(cataloger, path: path, bytes)
        #expect(packages.count == 1)
        let package = try #require(packages.first)
        #expect(package.name == "PyYAML")
        #expect(package.version == "6.0")
        #expect(package.purl == "pkg:pypi/pyyaml@6.0")
        #expect(package.licenses == ["MIT"])
        #expect(package.ecosystem == .pypi)
        #expect(package.foundIn == path)
        #expect(package.layer == nil)
    }

    @Test func prefersLicenseExpression() throws {
        let bytes = try LanguageFixture.bytes("python/attrs-26.1.0.dist-info/METADATA")
        let package = try #require(try catalog(cataloger, path: "/a/attrs-26.1.0.dist-info/METADATA", bytes).first)
        #expect(package.purl == "pkg:pypi/attrs@26.1.0")
        #expect(package.licenses == ["MIT"])
    }

    @Test func readsEggInfo() throws {
        let bytes = try LanguageFixture.bytes("python/PyJWT-2.6.0.egg-info/PKG-INFO")
        let package = try #require(try catalog(cataloger, path: "/p/PyJWT-2.6.0.egg-info/PKG-INFO", bytes).first)
        #expect(package.name == "PyJWT")
        #expect(package.purl == "pkg:pypi/pyjwt@2.6.0")
    }

    @Test func normalisesNamesPerPEP503() throws {
        let text = "Metadata-Version: 2.1\r\nName: Zope.Interface__Extra\r\nVersion: 5.4.0\r\n\r\nBody: ignored\r\n"
        let package = try #require(try catalog(cataloger, path: "/x.dist-info/METADATA", text).first)
        #expect(package.name == "Zope.Interface__Extra")
        #expect(package.purl == "pkg:pypi/zope-interface-extra@5.4.0")
    }

    @Test func licenceFallsBackToClassifiersWhenLicenseIsText() throws {
        let text = """
            Metadata-Version: 2.1
            Name: requests
            Version: 2.31.0
            License: Copyright 2019 Kenneth Reitz
                    Licensed under the Apache License, Version 2.0 (the "License");
            Classifier: Intended Audience :: Developers
            Classifier: License :: OSI Approved :: Apache Software License

            License: MIT
            """
        let package = try #require(try catalog(cataloger, path: "/x.dist-info/METADATA", text).first)
        #expect(package.licenses == ["Apache Software License"])
    }

    @Test func headersInTheBodyAreIgnored() throws {
        let text = "Name: a\n\nVersion: 1.0\n"
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/x.dist-info/METADATA", text) }
    }

    @Test(arguments: ["", "garbage without colon", "Name: only-name\n", "\u{0}\u{1}\u{2}"])
    func malformedMetadataIsAnError(text: String) {
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/x.dist-info/METADATA", text) }
    }
}
