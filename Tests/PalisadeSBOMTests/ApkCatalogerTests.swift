import Testing

@testable import PalisadeSBOM

@Suite struct ApkCatalogerTests {
    let cataloger = ApkCataloger()

    /// Two records in apk-tools' `installed` format (as on Alpine 3.19), with file lines.
    static let installed = """
        C:Q1Qx0DP/wEy0tcm+4t3lKwWcVi9dM=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        S:407447
        I:663552
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Timo Teräs <timo.teras@iki.fi>
        t:1705947512
        c:3d5e3a9d2d1a4b9e5a8e2d8b7c6f5e4d3c2b1a09
        p:so:libc.musl-x86_64.so.1=1
        F:lib
        R:ld-musl-x86_64.so.1
        a:0:0:755
        Z:Q1Rq6IcQ2w7vq0GtJ4H0kkrHD8Kzk=
        R:libc.musl-x86_64.so.1

        C:Q1G3wFeYVZ2tgk8Kc7RwWh4fN0c1Y=
        P:libcrypto3
        V:3.1.4-r5
        A:x86_64
        S:1721000
        I:4554752
        T:Crypto library from openssl
        U:https://www.openssl.org/
        L:Apache-2.0
        o:openssl
        m:Ariadne Conill <ariadne@dereferenced.org>
        t:1707133290
        D:so:libc.musl-x86_64.so.1
        F:usr/lib
        R:libcrypto.so.3

        P:busybox-binsh
        V:1.36.1-r15
        A:x86_64
        L:GPL-2.0-only
        o:busybox

        """

    @Test func wantsOnlyTheInstalledDatabase() {
        #expect(cataloger.wants(path: "/lib/apk/db/installed", size: 10, isExecutable: false))
        #expect(!cataloger.wants(path: "/lib/apk/db/triggers", size: 10, isExecutable: false))
        #expect(!cataloger.wants(path: "/usr/lib/apk/db/installed.old", size: 10, isExecutable: false))
        #expect(
            !cataloger.wants(path: "/lib/apk/db/installed", size: ApkCataloger.maximumFileSize + 1, isExecutable: false)
        )
    }

    @Test func readsRecords() throws {
        let packages = try SBOMFixtures.catalog(cataloger, path: "/lib/apk/db/installed", Self.installed)
        #expect(packages.map(\.name) == ["musl", "libcrypto3", "busybox-binsh"])
        let musl = packages[0]
        #expect(musl.ecosystem == .apk)
        #expect(musl.version == "1.2.4_git20230717-r4")
        #expect(musl.architecture == "x86_64")
        #expect(musl.licenses == ["MIT"])
        #expect(musl.sourceName == nil)
        #expect(musl.purl == "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64")
        let crypto = packages[1]
        #expect(crypto.sourceName == "openssl")
        #expect(crypto.sourceVersion == "3.1.4-r5")
        #expect(crypto.licenses == ["Apache-2.0"])
        #expect(packages[2].purl == "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64")
    }

    @Test func crlfAndMissingFieldsAndNoTrailingBlankLine() throws {
        let text = "P:a\r\nV:1-r0\r\n\r\nP:no-version\r\n\r\nV:2-r0\r\n\r\nP:b\r\nV:3-r0"
        let packages = try SBOMFixtures.catalog(cataloger, path: "/lib/apk/db/installed", text)
        #expect(packages.map(\.name) == ["a", "b"])
        #expect(packages.map(\.version) == ["1-r0", "3-r0"])
        #expect(packages[0].purl == "pkg:apk/alpine/a@1-r0")
    }

    @Test func emptyDatabaseIsEmpty() throws {
        #expect(try SBOMFixtures.catalog(cataloger, path: "/lib/apk/db/installed", "").isEmpty)
    }

    @Test func garbageThrows() {
        #expect(throws: CatalogError.self) {
            try SBOMFixtures.catalog(cataloger, path: "/lib/apk/db/installed", "\u{7f}ELF garbage\nno records here\n")
        }
    }
}
