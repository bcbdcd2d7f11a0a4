import Foundation
import Testing

@testable import PalisadeSBOM

@Suite("Language: Go binaries")
struct LanguageGoBinaryTests {
    let cataloger = GoBinaryCataloger()

    static let modinfo = """
        path\tgithub.com/acme/server/cmd/server
        mod\tgithub.com/acme/server\tv1.4.2\th1:abc=
        dep\tgithub.com/google/uuid\tv1.3.0\th1:t6JiXgmwXMjEs8VusXIJk2BXHsn+wx8BZdTaoZ5fu7I=
        dep\tgolang.org/x/net\tv0.7.0\th1:rJrUqqhjsgNp7KqAIc25s9pZnjU7TUcSY7HcVZjdn1g=
        =>\tgithub.com/acme/net-fork\tv0.7.1\th1:fork=
        dep\tgithub.com/acme/internal\tv0.0.0-00010101000000-000000000000
        =>\t./internal\t
        dep\tgithub.com/docker/docker\tv24.0.7+incompatible\th1:x=
        build\t-compiler=gc
        build\tCGO_ENABLED=0
        build\tGOARCH=arm64
        build\tGOOS=linux

        """

    static let expectedPurls = [
        "pkg:golang/github.com/acme/server@v1.4.2",
        "pkg:golang/github.com/google/uuid@v1.3.0",
        "pkg:golang/github.com/acme/net-fork@v0.7.1",
        "pkg:golang/github.com/acme/internal",
        "pkg:golang/github.com/docker/docker@v24.0.7%2Bincompatible",
        "pkg:golang/stdlib@1.21.5",
    ]

    @Test func wantsExecutablesOnly() {
        #expect(cataloger.wants(path: "/usr/local/bin/server", size: 10 << 20, isExecutable: true))
        #expect(!cataloger.wants(path: "/usr/local/bin/server", size: 10 << 20, isExecutable: false))
        #expect(!cataloger.wants(path: "/usr/local/bin/huge", size: 200 << 20, isExecutable: true))
        #expect(!cataloger.wants(path: "/usr/local/bin/tiny", size: 10, isExecutable: true))
    }

    @Test func inlineFormatInGoBuildinfoSection() throws {
        let blob = SyntheticGoBuildInfo.inline(goVersion: "go1.21.5", modinfo: Self.modinfo)
        let elf = SyntheticELF.build(sections: [(".text", [0xC3]), (".go.buildinfo", blob)])
        let packages = try catalog(cataloger, path: "/usr/local/bin/server", elf)
        #expect(packages.map(\.purl) == Self.expectedPurls)
        #expect(packages.allSatisfy { $0.architecture == "arm64" && $0.ecosystem == .golang })
        #expect(packages.first?.name == "github.com/acme/server")
        #expect(packages.first { $0.purl.hasPrefix("pkg:golang/github.com/acme/internal") }?.version == "(devel)")
        #expect(packages.last?.name == "stdlib")
        #expect(packages.last?.version == "1.21.5")
    }

    @Test func pointerFormatOfGo117() throws {
        let blob = SyntheticGoBuildInfo.pointers(goVersion: "go1.16.15", modinfo: Self.modinfo)
        let elf = SyntheticELF.build(sections: [(".go.buildinfo", blob)])
        let info = try elf.withUnsafeBytes { try GoBuildInfo.parse($0) }
        #expect(info.goVersion == "go1.16.15")
        #expect(info.mainPackagePath == "github.com/acme/server/cmd/server")
        #expect(info.dependencies.count == 4)
        #expect(info.dependencies[1].replacement?.path == "github.com/acme/net-fork")
        let packages = try catalog(cataloger, path: "/bin/server", elf)
        #expect(packages.last?.purl == "pkg:golang/stdlib@1.16.15")
    }

    @Test func findsBuildInfoWithoutSectionHeaders() throws {
        // Stripped of section headers: found by searching the bytes for the magic.
        let blob = SyntheticGoBuildInfo.inline(goVersion: "go1.22.0 X:boringcrypto", modinfo: Self.modinfo)
        let elf = SyntheticELF.build(sections: [(".go.buildinfo", blob)], withSectionHeaders: false)
        let packages = try catalog(cataloger, path: "/bin/server", elf)
        #expect(packages.last?.purl == "pkg:golang/stdlib@1.22.0")
    }

    @Test func develMainModuleHasNoPurlVersion() throws {
        let modinfo = "path\texample.com/tool\nmod\texample.com/tool\t(devel)\t\n"
        let elf = SyntheticELF.build(sections: [
            (".go.buildinfo", SyntheticGoBuildInfo.inline(goVersion: "go1.20", modinfo: modinfo))
        ])
        let packages = try catalog(cataloger, path: "/bin/tool", elf)
        #expect(packages.map(\.purl) == ["pkg:golang/example.com/tool", "pkg:golang/stdlib@1.20"])
        #expect(packages.first?.version == "(devel)")
    }

    @Test func binariesWithoutBuildInfoGiveNothing() throws {
        let elf = SyntheticELF.build(sections: [(".text", [UInt8](repeating: 0x90, count: 256))])
        #expect(try catalog(cataloger, path: "/bin/c-program", elf).isEmpty)
        #expect(
            try catalog(cataloger, path: "/bin/script", Array("#!/bin/sh\necho \u{FF} Go buildinf:\n".utf8)).isEmpty)
    }

    @Test func magicOutsideBuildinfoSectionIsIgnoredInELF() throws {
        // As in Go's debug/buildinfo: an ELF with section headers but no .go.buildinfo is not a Go binary,
        // whatever its .rodata contains (e.g. a scanner that embeds the magic as a string).
        let blob = SyntheticGoBuildInfo.inline(goVersion: "go1.21.5", modinfo: Self.modinfo)
        let elf = SyntheticELF.build(sections: [(".rodata", blob)])
        #expect(try catalog(cataloger, path: "/bin/scanner", elf).isEmpty)
    }

    @Test func truncatedAndOverflowingBuildInfoIsAnError() throws {
        var blob = SyntheticGoBuildInfo.magic + [8, 2]
        blob.pad(to: 32)
        // A varint of eleven continuation bytes overflows 64 bits.
        let overflow = SyntheticELF.build(sections: [
            (".go.buildinfo", blob + [UInt8](repeating: 0xFF, count: 11) + [1])
        ])
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/bin/x", overflow) }
        // A length past the end of the file.
        let pastEnd = SyntheticELF.build(sections: [
            (".go.buildinfo", blob + [0xFF, 0xFF, 0xFF, 0x7F] + Array("go1".utf8))
        ])
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/bin/x", pastEnd) }
        // Header cut short at the end of a (Mach-O) file, which is searched byte by byte.
        let cut: [UInt8] =
            [0xCF, 0xFA, 0xED, 0xFE] + [UInt8](repeating: 0, count: 60) + SyntheticGoBuildInfo.magic + [8]
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/bin/x", cut) }
    }

    @Test func pointerFormatWithUnmappedAddressesIsAnError() {
        var blob = SyntheticGoBuildInfo.magic + [8, 0]
        blob.le(0xDEAD_BEEF_0000, 8)
        blob.le(0xDEAD_BEEF_0010, 8)
        let elf = SyntheticELF.build(sections: [(".go.buildinfo", blob)])
        #expect(throws: CatalogError.self) { try catalog(cataloger, path: "/bin/x", elf) }
    }

    @Test func sectionOffsetsPastTheEndAreNotTrusted() throws {
        var elf = SyntheticELF.build(sections: [
            (".go.buildinfo", SyntheticGoBuildInfo.inline(goVersion: "go1.21.0", modinfo: ""))
        ])
        // Point the section header table past the end of the file.
        elf.replaceSubrange(0x28..<0x30, with: [0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0])
        #expect(throws: ELFFile.ParseError.badSectionTable) { try elf.withUnsafeBytes { _ = try ELFFile($0) } }
        // The byte search still finds the build info.
        #expect(try catalog(cataloger, path: "/bin/x", elf).map(\.purl) == ["pkg:golang/stdlib@1.21.0"])
    }

    /// Debian's skopeo is a Go binary built in GOPATH mode: build info carries the Go version, the main package
    /// path and build settings but no modules. Values checked with an independent Python reader when the test was
    /// written; skipped when the binary is absent or a different build.
    @Test func realSkopeoBinary() throws {
        let path = "/usr/bin/skopeo"
        guard let data = FileManager.default.contents(atPath: path), data.count == 16_294_464 else { return }
        let info = try Array(data).withUnsafeBytes { try GoBuildInfo.parse($0) }
        #expect(info.goVersion == "go1.19.8")
        #expect(info.mainPackagePath == "github.com/containers/skopeo/cmd/skopeo")
        #expect(info.main == nil)
        #expect(info.dependencies.isEmpty)
        #expect(info.settings.first { $0.key == "GOARCH" }?.value == "amd64")
        let packages = try catalog(cataloger, path: path, Array(data))
        #expect(packages.map(\.purl) == ["pkg:golang/stdlib@1.19.8"])
    }

    /// Terraform is a module build with 221 dependencies and local `=> ./internal/…` replacements.
    @Test func realTerraformBinary() throws {
        let path = "/usr/local/bin/terraform"
        guard let data = FileManager.default.contents(atPath: path), data.count == 90_579_096 else { return }
        let info = try Array(data).withUnsafeBytes { try GoBuildInfo.parse($0) }
        #expect(info.goVersion == "go1.23.3")
        #expect(info.main?.path == "github.com/hashicorp/terraform")
        #expect(info.main?.version == "(devel)")
        #expect(info.dependencies.count == 221)
        #expect(info.dependencies.first?.path == "cloud.google.com/go")
        #expect(info.dependencies.first?.version == "v0.110.7")
        let packages = try catalog(cataloger, path: path, Array(data))
        #expect(packages.count == 223)
        #expect(packages.contains { $0.purl == "pkg:golang/cloud.google.com/go/iam@v1.1.1" })
        #expect(packages.last?.purl == "pkg:golang/stdlib@1.23.3")
    }
}
