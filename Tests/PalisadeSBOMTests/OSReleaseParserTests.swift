import Testing

@testable import PalisadeSBOM

@Suite struct OSReleaseParserTests {
    static func parse(_ text: String) -> OSRelease? { OSReleaseParser.parse(Array(text.utf8)) }

    @Test func debianBookworm() throws {
        let release = try #require(
            Self.parse(
                """
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION="12 (bookworm)"
                VERSION_CODENAME=bookworm
                ID=debian
                HOME_URL="https://www.debian.org/"
                """))
        #expect(
            release
                == OSRelease(
                    id: "debian", versionID: "12", codename: "bookworm", prettyName: "Debian GNU/Linux 12 (bookworm)"))
    }

    @Test func ubuntuWithIDLike() throws {
        let release = try #require(
            Self.parse(
                """
                NAME="Ubuntu"
                VERSION="22.04.4 LTS (Jammy Jellyfish)"
                ID=ubuntu
                ID_LIKE=debian
                PRETTY_NAME="Ubuntu 22.04.4 LTS"
                VERSION_ID="22.04"
                VERSION_CODENAME=jammy
                """))
        #expect(release.id == "ubuntu")
        #expect(release.versionID == "22.04")
        #expect(release.idLike == ["debian"])
    }

    @Test func alpineUnquoted() throws {
        let release = try #require(
            Self.parse("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"))
        #expect(release.id == "alpine")
        #expect(release.versionID == "3.19.1")
        #expect(release.codename == nil)
    }

    @Test func rhelSingleQuotesMultipleIDLikeAndCRLF() throws {
        let release = try #require(
            Self.parse("ID='rhel'\r\nID_LIKE=\"fedora centos\"\r\nVERSION_ID=\"9.3\"\r\n"))
        #expect(release.id == "rhel")
        #expect(release.idLike == ["fedora", "centos"])
        #expect(release.versionID == "9.3")
    }

    @Test func escapesCommentsAndBlankLines() throws {
        let release = try #require(
            Self.parse(
                """
                # a comment
                  # indented comment

                ID=custom
                PRETTY_NAME="Say \\"hi\\" \\$HOME \\\\ \\n"
                VERSION_ID=1.0 # trailing comment
                not an assignment
                BAD-KEY=x
                """))
        #expect(release.id == "custom")
        #expect(release.prettyName == #"Say "hi" $HOME \ \n"#)
        #expect(release.versionID == "1.0")
    }

    @Test func missingIDDefaultsToLinuxAndIDIsLowerCased() {
        #expect(Self.parse("NAME=Thing\n")?.id == "linux")
        #expect(Self.parse("ID=Debian\n")?.id == "debian")
    }

    @Test func notAnOSReleaseFile() {
        #expect(Self.parse("") == nil)
        #expect(Self.parse("# only comments\n\n") == nil)
        #expect(Self.parse("\u{0}\u{1}binary") == nil)
        #expect(
            OSReleaseParser.parse([UInt8](repeating: UInt8(ascii: "A"), count: OSReleaseParser.maximumFileSize + 1))
                == nil)
    }

    @Test func debianVersionFallback() {
        #expect(
            OSReleaseParser.parseDebianVersion(Array("12.5\n".utf8))
                == OSRelease(id: "debian", versionID: "12", prettyName: "Debian GNU/Linux 12.5"))
        #expect(OSReleaseParser.parseDebianVersion(Array("trixie/sid\n".utf8))?.codename == "trixie")
        #expect(OSReleaseParser.parseDebianVersion(Array("trixie/sid\n".utf8))?.versionID == nil)
        #expect(OSReleaseParser.parseDebianVersion(Array("\n".utf8)) == nil)
        #expect(OSReleaseParser.parseDebianVersion(Array("12.x!y".utf8)) == nil)
    }

    @Test func alpineReleaseFallback() {
        #expect(OSReleaseParser.parseAlpineRelease(Array("3.19.1\n".utf8))?.versionID == "3.19.1")
        #expect(
            OSReleaseParser.parseAlpineRelease(Array("3.20.0_alpha20240329\n".utf8))?.versionID
                == "3.20.0_alpha20240329")
        #expect(OSReleaseParser.parseAlpineRelease(Array("".utf8)) == nil)
        #expect(OSReleaseParser.parseAlpineRelease(Array("<html>".utf8)) == nil)
    }

    @Test func detectPrefersOSReleaseThenUsrLibThenFallbacks() {
        let etc = Array("ID=ubuntu\nVERSION_ID=\"24.04\"\n".utf8)
        let usrLib = Array("ID=debian\nVERSION_ID=12\n".utf8)
        let debianVersion = Array("11.9\n".utf8)
        let alpine = Array("3.19.1\n".utf8)
        #expect(OSReleaseParser.detect(files: ["/etc/os-release": etc, "/usr/lib/os-release": usrLib])?.id == "ubuntu")
        #expect(
            OSReleaseParser.detect(files: ["/usr/lib/os-release": usrLib, "/etc/debian_version": debianVersion])?.id
                == "debian")
        #expect(
            OSReleaseParser.detect(files: ["/etc/os-release": [], "/etc/debian_version": debianVersion])?.versionID
                == "11")
        #expect(OSReleaseParser.detect(files: ["/etc/alpine-release": alpine])?.id == "alpine")
        #expect(OSReleaseParser.detect(files: [:]) == nil)
        #expect(OSReleaseParser.detect(files: ["/etc/hostname": etc]) == nil)
        #expect(OSReleaseParser.allPaths.count == 4)
    }
}
