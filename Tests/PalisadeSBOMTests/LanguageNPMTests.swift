import Testing

@testable import PalisadeSBOM

@Suite("Language: npm")
struct LanguageNPMTests {
    let cataloger = NPMPackageCataloger()

    @Test(arguments: [
        "/app/node_modules/lodash/package.json",
        "/app/node_modules/@babel/core/package.json",
        "/app/node_modules/a/node_modules/@types/node/package.json",
        "/usr/lib/node_modules/npm/package.json",
        "/app/package-lock.json",
        "/app/npm-shrinkwrap.json",
        "/app/yarn.lock",
        "/app/pnpm-lock.yaml",
    ])
    func wantsInstalledManifestsAndLockFiles(path: String) {
        #expect(cataloger.wants(path: path, size: 1_000, isExecutable: false))
    }

    @Test(arguments: [
        "/app/package.json",  // the application itself
        "/app/node_modules/lodash/fp/package.json",  // nested manifest inside a package
        "/app/node_modules/@babel/package.json",
        "/app/node_modules/@/x/package.json",
        "/app/node_modules/package.json",
        "/app/node_modules/lodash/package-lock.json",  // published with a package, not installed
        "/app/node_modules/.package-lock.json",
        "/app/node_modules/x/yarn.lock",
        "/app/package.json5",
        "/app/my-yarn.lock",
    ])
    func ignoresOtherFiles(path: String) {
        #expect(!cataloger.wants(path: path, size: 1_000, isExecutable: false))
    }

    @Test func readsPackageJSONWithScopeAndLicences() throws {
        let text = """
            {"name": "@babel/core", "version": "7.23.2", "license": "MIT", "main": "lib/index.js",
             "dependencies": {"@babel/code-frame": "^7.22.13"}}
            """
        let path = "/app/node_modules/@babel/core/package.json"
        let package = try #require(try catalog(cataloger, path: path, text).first)
        #expect(package.name == "@babel/core")
        #expect(package.namespace == "@babel")
        #expect(package.version == "7.23.2")
        #expect(package.purl == "pkg:npm/%40babel/core@7.23.2")
        #expect(package.licenses == ["MIT"])
        #expect(package.foundIn == path)
    }

    @Test func readsObjectAndLegacyLicences() throws {
        let object = #"{"name": "a", "version": "1.0.0", "license": {"type": "ISC", "url": "http://x"}}"#
        #expect(try catalog(cataloger, path: "/n/node_modules/a/package.json", object).first?.licenses == ["ISC"])
        let legacy = #"{"name": "b", "version": "2.0.0", "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}"#
        #expect(
            try catalog(cataloger, path: "/n/node_modules/b/package.json", legacy).first?.licenses == [
                "MIT", "Apache-2.0",
            ])
    }

    @Test func manifestWithoutNameOrVersionIsNotAPackage() throws {
        #expect(try catalog(cataloger, path: "/n/node_modules/a/package.json", #"{"type": "module"}"#).isEmpty)
        #expect(try catalog(cataloger, path: "/n/node_modules/a/package.json", #"{"name": "a"}"#).isEmpty)
    }

    @Test func packageLockV3() throws {
        let text = """
            {
              "name": "shop", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
              "packages": {
                "": {"name": "shop", "version": "1.0.0", "dependencies": {"express": "^4.18.2"}},
                "node_modules/express": {"version": "4.18.2", "resolved": "https://registry.npmjs.org/express/-/express-4.18.2.tgz", "license": "MIT"},
                "node_modules/express/node_modules/debug": {"version": "2.6.9", "license": "MIT"},
                "node_modules/@types/node": {"version": "20.8.7", "dev": true, "license": "MIT"},
                "node_modules/string-width-cjs": {"name": "string-width", "version": "4.2.3"},
                "node_modules/shared": {"resolved": "packages/shared", "link": true},
                "packages/shared": {"name": "shared", "version": "0.0.1"}
              }
            }
            """
        let packages = try catalog(cataloger, path: "/app/package-lock.json", text)
        #expect(
            Set(packages.map(\.purl)) == [
                "pkg:npm/express@4.18.2", "pkg:npm/debug@2.6.9", "pkg:npm/%40types/node@20.8.7",
                "pkg:npm/string-width@4.2.3",
            ])
        #expect(packages.first { $0.name == "express" }?.licenses == ["MIT"])
    }

    @Test func packageLockV1Tree() throws {
        let text = """
            {"name": "old", "version": "1.0.0", "lockfileVersion": 1, "requires": true,
             "dependencies": {
               "accepts": {"version": "1.3.8", "resolved": "https://registry.npmjs.org/accepts/-/accepts-1.3.8.tgz",
                           "requires": {"mime-types": "~2.1.34"},
                           "dependencies": {"mime-types": {"version": "2.1.35"}}},
               "local-lib": {"version": "file:../local-lib"},
               "mime-types": {"version": "2.1.34"}
             }}
            """
        let packages = try catalog(cataloger, path: "/app/package-lock.json", text)
        #expect(
            Set(packages.map(\.purl)) == [
                "pkg:npm/accepts@1.3.8", "pkg:npm/mime-types@2.1.35", "pkg:npm/mime-types@2.1.34",
            ])
    }

    @Test func lockWithoutPackagesIsAnError() {
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a/package-lock.json", #"{"name": "x"}"#) }
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a/package-lock.json", "[1, 2]") }
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/a/package-lock.json", "{\"packages\":") }
    }

    @Test func yarnClassic() throws {
        let text = """
            # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
            # yarn lockfile v1


            "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
              version "7.22.13"
              resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz#e3c1c099402598483b7a8c46a721d1038803755e"
              integrity sha512-XktuhWlJ5g+3TJXc5upd9Ks1HutSArik6jf2eAjYFyIOf4ej3RN+184cZbzDvbPnuTJIUhPKKJE3cIsYTiAT3w==
              dependencies:
                "@babel/highlight" "^7.22.13"
                chalk "^2.4.2"

            lodash@^4.17.21, lodash@4.17.21:
              version "4.17.21"
              resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz"

            """
        let packages = try catalog(cataloger, path: "/app/yarn.lock", text)
        #expect(packages.map(\.purl) == ["pkg:npm/%40babel/code-frame@7.22.13", "pkg:npm/lodash@4.17.21"])
    }

    @Test func yarnBerry() throws {
        let text = """
            # This file is generated by running "yarn install" inside your project.

            __metadata:
              version: 8
              cacheKey: 10c0

            "@babel/code-frame@npm:^7.0.0, @babel/code-frame@npm:^7.22.13":
              version: 7.22.13
              resolution: "@babel/code-frame@npm:7.22.13"
              dependencies:
                "@babel/highlight": "npm:^7.22.13"
              checksum: 10c0/f4cc8ae1000265677daf4845083b72f88d00d311adb1a93c94eb4b07bf0ed6828a81ae4ac43ee7d476775000b93a28a9cddec18fbdc5796212d8dcccd5de72bd
              languageName: node
              linkType: hard

            "resolve@patch:resolve@npm%3A^1.22.1#optional!builtin<compat/resolve>":
              version: 1.22.8
              resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
              languageName: node
              linkType: hard

            "shop@workspace:.":
              version: 0.0.0-use.local
              resolution: "shop@workspace:."
              languageName: unknown
              linkType: soft
            """
        let packages = try catalog(cataloger, path: "/app/yarn.lock", text)
        #expect(packages.map(\.purl) == ["pkg:npm/%40babel/code-frame@7.22.13"])
    }

    @Test(arguments: [
        (
            "lockfileVersion: 5.4\n\npackages:\n\n  /@babel/core/7.23.2:\n    resolution: {integrity: sha512-x}\n"
                + "  /react-dom/18.2.0_react@18.2.0:\n    dev: false\n",
            ["pkg:npm/%40babel/core@7.23.2", "pkg:npm/react-dom@18.2.0"]
        ),
        (
            "lockfileVersion: '6.0'\n\npackages:\n\n  /@babel/core@7.23.2:\n    resolution: {integrity: sha512-x}\n"
                + "  /react-dom@18.2.0(react@18.2.0):\n    dev: false\n  /local@file:../local:\n    dev: false\n",
            ["pkg:npm/%40babel/core@7.23.2", "pkg:npm/react-dom@18.2.0"]
        ),
        (
            "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      react:\n        specifier: ^18\n"
                + "\npackages:\n\n  '@babel/core@7.23.2':\n    resolution: {integrity: sha512-x}\n\n  react@18.2.0:\n"
                + "    resolution: {integrity: sha512-y}\n\nsnapshots:\n\n  react@18.2.0: {}\n",
            ["pkg:npm/%40babel/core@7.23.2", "pkg:npm/react@18.2.0"]
        ),
    ])
    func pnpmLockVersions(text: String, purls: [String]) throws {
        #expect(try catalog(cataloger, path: "/app/pnpm-lock.yaml", text).map(\.purl) == purls)
    }

    @Test func deeplyNestedJSONIsRefused() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/n/node_modules/a/package.json", text) }
    }
}
