import Testing

@testable import PalisadeSBOM

@Suite("Language: Composer")
struct LanguageComposerTests {
    let cataloger = ComposerCataloger()

    @Test func wants() {
        #expect(cataloger.wants(path: "/var/www/composer.lock", size: 100_000, isExecutable: false))
        #expect(cataloger.wants(path: "/var/www/vendor/composer/installed.json", size: 100_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/www/composer.json", size: 100_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/www/installed.json", size: 100_000, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/www/mycomposer.lock", size: 100_000, isExecutable: false))
    }

    @Test func readsComposerLock() throws {
        let text = """
            {
                "_readme": ["This file locks the dependencies of your project to a known state"],
                "content-hash": "0123",
                "packages": [
                    {"name": "monolog/monolog", "version": "3.4.0", "source": {"type": "git"}, "license": ["MIT"],
                     "type": "library"},
                    {"name": "symfony/console", "version": "v6.3.4", "license": ["MIT"]}
                ],
                "packages-dev": [
                    {"name": "phpunit/phpunit", "version": "10.4.1", "license": ["BSD-3-Clause"]},
                    {"name": "not-namespaced", "version": "1.0.0"}
                ],
                "aliases": [], "minimum-stability": "stable"
            }
            """
        let packages = try catalog(cataloger, path: "/var/www/composer.lock", text)
        #expect(
            packages.map(\.purl) == [
                "pkg:composer/monolog/monolog@3.4.0", "pkg:composer/symfony/console@v6.3.4",
                "pkg:composer/phpunit/phpunit@10.4.1",
            ])
        #expect(packages[0].namespace == "monolog")
        #expect(packages[2].licenses == ["BSD-3-Clause"])
    }

    @Test func readsInstalledJSONBothVersions() throws {
        let v1 = #"[{"name": "psr/log", "version": "1.1.4", "version_normalized": "1.1.4.0"}]"#
        let v2 = #"{"packages": [{"name": "psr/log", "version": "3.0.0"}], "dev": true, "dev-package-names": []}"#
        let path = "/app/vendor/composer/installed.json"
        #expect(try catalog(cataloger, path: path, v1).map(\.purl) == ["pkg:composer/psr/log@1.1.4"])
        #expect(try catalog(cataloger, path: path, v2).map(\.purl) == ["pkg:composer/psr/log@3.0.0"])
    }

    @Test(arguments: ["", "not json", "\"string\"", "{\"packages\": ["])
    func malformedIsAnError(text: String) {
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a/composer.lock", text) }
    }
}
