import Testing

@testable import PalisadeSBOM

@Suite struct DpkgCatalogerTests {
    let cataloger = DpkgCataloger()

    static let status = """
        Package: libc6
        Status: install ok installed
        Priority: optional
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u4
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.
         .
         Package: not-a-field-because-continuation

        Package: removed-pkg
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0-1

        Package: half
        Status: install reinstreq half-installed
        Architecture: amd64
        Version: 2.0-1

        Package: marked-for-removal
        Status: deinstall ok installed
        Architecture: amd64
        Version: 3.0-1

        Package: bash
        Status: install ok installed
        Architecture: amd64
        Source: bash (5.2.15-2)
        Version: 5.2.15-2+b2

        Package: held
        Status: hold ok installed
        Architecture: all
        Version: 1:4.0

        Package: unpacked-only
        Status: install ok unpacked
        Architecture: amd64
        Version: 1.0

        Package: triggered
        Status: install ok triggers-pending
        Architecture: amd64
        Version: 7

        """

    @Test func wantsOnlyDpkgDatabases() {
        #expect(cataloger.wants(path: "/var/lib/dpkg/status", size: 100, isExecutable: false))
        #expect(cataloger.wants(path: "/var/lib/dpkg/status.d/libc6", size: 100, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/dpkg/status.d/libc6.md5sums", size: 100, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/dpkg/status.d/sub/x", size: 100, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/dpkg/status.d/", size: 100, isExecutable: false))
        #expect(!cataloger.wants(path: "/var/lib/dpkg/status-old", size: 100, isExecutable: false))
        #expect(!cataloger.wants(path: "/srv/var/lib/dpkg/status", size: 100, isExecutable: false))
        #expect(
            !cataloger.wants(path: "/var/lib/dpkg/status", size: DpkgCataloger.maximumFileSize + 1, isExecutable: false)
        )
    }

    @Test func statusKeepsOnlyInstalledStanzas() throws {
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", Self.status)
        #expect(packages.map(\.name) == ["libc6", "bash", "held", "triggered"])
    }

    @Test func statusFieldsAndPurl() throws {
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", Self.status)
        let libc = try #require(packages.first)
        #expect(libc.ecosystem == .deb)
        #expect(libc.version == "2.36-9+deb12u4")
        #expect(libc.architecture == "amd64")
        #expect(libc.sourceName == "glibc")
        #expect(libc.sourceVersion == "2.36-9+deb12u4")
        #expect(libc.licenses.isEmpty)
        #expect(libc.foundIn == "/var/lib/dpkg/status")
        #expect(libc.layer == nil)
        #expect(libc.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64")
        let bash = try #require(packages.first { $0.name == "bash" })
        #expect(bash.sourceName == "bash")
        #expect(bash.sourceVersion == "5.2.15-2")
        let held = try #require(packages.first { $0.name == "held" })
        #expect(held.purl == "pkg:deb/debian/held@1:4.0?arch=all")
        #expect(held.sourceName == nil && held.sourceVersion == nil)
    }

    @Test func crlfLineEndingsAreRead() throws {
        let text =
            "Package: a\r\nStatus: install ok installed\r\nVersion: 1.0\r\nArchitecture: amd64\r\n\r\n"
            + "Package: b\r\nStatus: install ok installed\r\nVersion: 2.0\r\n"
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", text)
        #expect(packages.map(\.name) == ["a", "b"])
        #expect(packages.map(\.version) == ["1.0", "2.0"])
        #expect(packages[0].architecture == "amd64")
        #expect(packages[1].architecture == nil)
        #expect(packages[1].purl == "pkg:deb/debian/b@2.0")
    }

    @Test func missingFieldsAndGarbageStanzasAreSkipped() throws {
        let text = """
            Package: no-version
            Status: install ok installed

            Version: 1.0
            Status: install ok installed

            Package: no-status
            Version: 1.0

            this line is garbage without a colon
            Package: garbage-inside
            Status: install ok installed
            Version: 1.0

            Package: good
            Status: install ok installed
            Version: 1.0
            """
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", text)
        #expect(packages.map(\.name) == ["good"])
    }

    @Test func truncatedLastStanzaIsSkipped() throws {
        let text =
            "Package: good\nStatus: install ok installed\nVersion: 1.0\n\nPackage: cut\nStatus: install ok installed\nVers"
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", text)
        #expect(packages.map(\.name) == ["good"])
    }

    @Test func emptyStatusHasNoPackagesAndNoError() throws {
        #expect(try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", "").isEmpty)
        #expect(try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", "\n\n  \n").isEmpty)
    }

    @Test func binaryGarbageThrowsCatalogError() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 7) }
        #expect(throws: CatalogError.self) {
            try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", bytes)
        }
    }

    @Test func hugeStatusIsReadCompletely() throws {
        var text = ""
        for index in 0..<20_000 {
            text += "Package: pkg\(index)\nStatus: install ok installed\nVersion: 1.\(index)\n"
            text += "Description: x\n" + String(repeating: " continuation line\n", count: 5) + "\n"
        }
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", text)
        #expect(packages.count == 20_000)
        #expect(packages.last?.version == "1.19999")
    }

    @Test func distrolessStatusDFileHasNoStatusField() throws {
        let text = """
            Package: libssl3
            Version: 3.0.15-1~deb12u1
            Architecture: amd64
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Installed-Size: 6180
            Depends: libc6 (>= 2.34)
            Section: libs
            Priority: optional
            Multi-Arch: same
            Homepage: https://www.openssl.org/
            Source: openssl
            Description: Secure Sockets Layer toolkit - shared libraries
             This package is part of the OpenSSL project's implementation of the SSL
             and TLS cryptographic protocols for secure communication over the
             Internet.

            """
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status.d/libssl3", text)
        #expect(packages.count == 1)
        #expect(packages.first?.purl == "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64")
        #expect(packages.first?.sourceName == "openssl")
        #expect(packages.first?.foundIn == "/var/lib/dpkg/status.d/libssl3")
    }

    @Test func distrolessStanzaWithDeinstallStatusIsSkipped() throws {
        let text = "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n"
        #expect(try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status.d/gone", text).isEmpty)
    }

    @Test func realDebianStatusExcerpt() throws {
        let bytes = try SBOMFixtures.osFixture("debian12-status")
        let packages = try SBOMFixtures.catalog(cataloger, path: "/var/lib/dpkg/status", bytes)
        #expect(packages.count == 22)
        #expect(Set(packages.map(\.name)).count == 22)
        #expect(packages.allSatisfy { $0.purl.hasPrefix("pkg:deb/debian/") && $0.purl.contains("?arch=") })
        let libstdcxx = try #require(packages.first { $0.name == "libstdc++6" })
        #expect(libstdcxx.purl.hasPrefix("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14"))
        let bash = try #require(packages.first { $0.name == "bash" })
        #expect(bash.version == "5.2.15-2+b8")
        #expect(bash.sourceName == "bash")
        #expect(bash.sourceVersion == "5.2.15-2")
        let libc = try #require(packages.first { $0.name == "libc6" })
        #expect(libc.sourceName == "glibc")
        #expect(libc.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64")
        let tzdata = try #require(packages.first { $0.name == "tzdata" })
        #expect(tzdata.architecture == "all")
    }

    @Test(arguments: [
        ("install ok installed", true), ("hold ok installed", true), ("install ok triggers-awaited", true),
        ("install ok triggers-pending", true), ("deinstall ok installed", false), ("deinstall ok config-files", false),
        ("purge ok not-installed", false), ("install reinstreq half-installed", false),
        ("install ok half-configured", false), ("install ok unpacked", false), ("install ok", false),
        ("", false),
    ])
    func statusWords(status: String, installed: Bool) {
        #expect(DpkgCataloger.isInstalled(status: status) == installed)
    }

    @Test func sourceFieldParsing() {
        #expect(DpkgCataloger.parseSource("glibc") == ("glibc", nil))
        #expect(DpkgCataloger.parseSource("gcc-12 (12.2.0-14)") == ("gcc-12", "12.2.0-14"))
        #expect(DpkgCataloger.parseSource("odd (") == ("odd", nil))
        #expect(DpkgCataloger.parseSource("odd (1.0") == ("odd", "1.0"))
    }
}
