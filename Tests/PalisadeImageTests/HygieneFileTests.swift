import PalisadeCore
import Testing

@testable import PalisadeImage

@Suite("Image hygiene: filesystem rules")
struct HygieneFileTests {
    typealias F = HygieneFixture

    @Test("setuid/setgid executables are listed exactly")
    func setuid() {
        let facts = F.withFiles([
            F.file("/usr/bin/passwd", 0o4755),
            F.file("/usr/bin/wall", 0o2755, gid: 5),
            F.file("/usr/bin/ls", 0o755),
            F.file("/var/local", 0o2775, kind: .directory),
            F.file("/usr/bin/chsh", 0o4755, layer: 1, removedBy: 2),
            F.file("/opt/notexec", 0o4644),
        ])
        let found = F.findings(facts, ImageHygieneRules.setuid)
        #expect(found.map(\.location.path) == ["/usr/bin/passwd", "/usr/bin/wall"])
        #expect(found.map(\.location.layer) == ["sha256:layer1", "sha256:layer1"])
        #expect(found[0].message.contains("setuid root"))
        #expect(found[1].message.contains("setgid GID 5"))
    }

    @Test("World-writable paths are grouped by tree; /tmp, sticky directories and symlinks are not reported")
    func worldWritable() {
        let facts = F.withFiles([
            F.file("/tmp/x", 0o666),
            F.file("/var/tmp", 0o1777, kind: .directory),
            F.file("/var/tmp/y", 0o666),
            F.file("/dev/shm/z", 0o666),
            F.file("/app/shared", 0o1777, kind: .directory),
            F.file("/usr/bin/vi", 0o777, kind: .symlink, target: "vim"),
            F.file("/usr/local/bin/tool", 0o777),
            F.file("/app/data", 0o777, kind: .directory),
            F.file("/app/data/a", 0o666),
            F.file("/app/data/b", 0o666),
            F.file("/app/data-x", 0o666),
            F.file("/app/data.txt", 0o666),
            F.file("/app/old", 0o666, removedBy: 2),
        ])
        let found = F.findings(facts, ImageHygieneRules.worldWritable)
        #expect(found.map(\.location.path) == ["/app/data", "/app/data-x", "/app/data.txt", "/usr/local/bin/tool"])
        #expect(found[0].message.contains("2 paths below it"))
        #expect(found[0].message.contains("0777"))
    }

    @Test("sshd and sudo binaries are reported only when present")
    func sshdAndSudo() {
        let present = F.withFiles([F.file("/usr/sbin/sshd", 0o755), F.file("/usr/bin/sudo", 0o4755)])
        let removed = F.withFiles([F.file("/usr/sbin/sshd", 0o755, removedBy: 2)])
        #expect(F.findings(present, ImageHygieneRules.sshd).map(\.location.path) == ["/usr/sbin/sshd"])
        #expect(F.findings(present, ImageHygieneRules.sudo).map(\.location.path) == ["/usr/bin/sudo"])
        #expect(F.findings(removed, ImageHygieneRules.sshd).isEmpty)
    }

    @Test("Debian 12 with usrmerge: tools found under /usr/bin, symlinks count, score and list")
    func notMinimal() throws {
        let facts = F.withFiles([
            F.file("/bin", 0o777, kind: .symlink, layer: 0, target: "usr/bin"),
            F.file("/usr/bin/bash", 0o755, layer: 0),
            F.file("/usr/bin/dash", 0o755, layer: 0),
            F.file("/usr/bin/sh", 0o777, kind: .symlink, layer: 0, target: "dash"),
            F.file("/usr/bin/apt-get", 0o755, layer: 0),
            F.file("/usr/bin/dpkg", 0o755, layer: 0),
            F.file("/usr/bin/pip3.12", 0o755, layer: 1),
            F.file("/usr/bin/curl", 0o755, layer: 1),
            F.file("/usr/bin/wget", 0o755, layer: 1, removedBy: 2),
            F.file("/opt/app/bin/zsh", 0o755, layer: 1),
        ])
        let found = F.findings(facts, ImageHygieneRules.notMinimal)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message.contains("score 25/100"))
        #expect(finding.message.contains("shells: bash, dash, sh"))
        #expect(finding.message.contains("package managers: apt-get, dpkg, pip3.12"))
        #expect(finding.message.contains("network tools: curl"))
        #expect(!finding.message.contains("wget"))
        #expect(!finding.message.contains("zsh"))
        #expect(finding.location.path == "/usr/bin/bash")
    }

    @Test("A PATH directory symlinked elsewhere is followed (busybox layout)")
    func symlinkedBinDirectory() {
        let facts = F.withFiles([
            F.file("/bin", 0o777, kind: .symlink, layer: 0, target: "/opt/busybox/bin"),
            F.file("/opt/busybox/bin/busybox", 0o755, layer: 0),
        ])
        let found = F.findings(facts, ImageHygieneRules.notMinimal)
        #expect(found.first?.message.contains("shells: busybox") == true)
    }

    @Test("A distroless image has no not-minimal finding")
    func distroless() {
        #expect(F.findings(F.facts(), ImageHygieneRules.notMinimal).isEmpty)
    }

    @Test("Package caches: per layer, with presence; a lone lock file is not reported")
    func packageCaches() {
        let facts = F.withFiles([
            F.file("/var/lib/apt/lists/lock", 0o640, size: 0),
            F.file(
                "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
                size: 9_000_000),
            F.file("/var/cache/apk/APKINDEX.66f9ee5b.tar.gz", layer: 1, removedBy: 2, size: 500_000),
            F.file("/root/.cache/pip/http-v2/a/b/c", layer: 2, size: 20_000),
        ])
        let found = F.findings(facts, ImageHygieneRules.packageCache)
        #expect(found.map(\.location.path) == ["/var/lib/apt/lists", "/var/cache/apk", "/root/.cache/pip"])
        #expect(found.map(\.location.presence) == [.present, .removed, .present])
        #expect(found.map(\.location.layer) == ["sha256:layer1", "sha256:layer1", "sha256:layer2"])
        let onlyLock = F.withFiles([F.file("/var/lib/apt/lists/lock", 0o640, size: 0)])
        #expect(F.findings(onlyLock, ImageHygieneRules.packageCache).isEmpty)
    }

    static let rsaKey = Array("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n".utf8)
    static let ecKey = Array("-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----\n".utf8)
    static let certificate = Array("-----BEGIN CERTIFICATE-----\nMIIFaz\n-----END CERTIFICATE-----\n".utf8)
    static let publicKey = Array("-----BEGIN PUBLIC KEY-----\nMIIBIj\n-----END PUBLIC KEY-----\n".utf8)

    @Test("Private keys: PEM header decides when contents exist; CA certificates never count")
    func privateKeys() {
        let facts = F.withFiles(
            [
                F.file("/etc/ssl/certs/ISRG_Root_X1.pem", layer: 0, size: 1900),
                F.file("/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt", layer: 0, size: 1900),
                F.file("/usr/local/share/ca-certificates/corp-root.key", layer: 1, size: 1900),
                F.file("/app/server.pem", size: 1700),
                F.file("/app/cert.pem", size: 1700),
                F.file("/app/tls.key", size: 300),
                F.file("/app/public.key", size: 450),
            ],
            contents: [
                "/etc/ssl/certs/ISRG_Root_X1.pem": Self.certificate, "/app/server.pem": Self.rsaKey,
                "/app/cert.pem": Self.certificate, "/app/tls.key": Self.ecKey, "/app/public.key": Self.publicKey,
            ])
        let found = F.findings(facts, ImageHygieneRules.privateKeyFile)
        #expect(found.map(\.location.path) == ["/app/server.pem", "/app/tls.key"])
        #expect(found.allSatisfy { $0.location.presence == .present && $0.evidence == "PEM private-key header" })
    }

    @Test("A private key deleted by a later layer is reported as removed, in the layer that ships it")
    func fossilKey() throws {
        let facts = F.withFiles([
            F.file("/root/.ssh/id_rsa", 0o600, layer: 1, removedBy: 2, size: 2600),
            F.file("/root/.ssh/id_rsa.pub", 0o644, layer: 1, removedBy: 2, size: 570),
            F.file("/app/old-cert.pem", 0o644, layer: 1, removedBy: 2, size: 1500),
        ])
        let found = F.findings(facts, ImageHygieneRules.privateKeyFile)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.location.path == "/root/.ssh/id_rsa")
        #expect(finding.location.presence == .removed)
        #expect(finding.location.layer == "sha256:layer1")
        #expect(finding.evidence == "file name")
    }

    @Test("Fossil contents, when the walker keeps them, decide like merged contents")
    func fossilContents() {
        let facts = F.withFiles([
            F.file("/app/signing.key", layer: 1, removedBy: 2, size: 450),
            F.file("/app/other.pem", layer: 1, removedBy: 2, size: 450),
        ])
        let removed: [ImageHygieneAnalyzer.FossilKey: [UInt8]] = [
            .init(path: "/app/signing.key", layer: 1): Self.publicKey,
            .init(path: "/app/other.pem", layer: 1): Self.rsaKey,
        ]
        let found = ImageHygieneAnalyzer().analyze(facts, removedContents: removed).filter {
            $0.ruleId == ImageHygieneRules.privateKeyFile.id
        }
        #expect(found.map(\.location.path) == ["/app/other.pem"])
    }

    @Test(
        "wantsContents selects account files, sudoers and key candidates only",
        arguments: [
            ("/etc/shadow", 800, true), ("/etc/shadow", 10_000_000, false), ("/etc/passwd", 0, true),
            ("/etc/sudoers.d/app", 40, true), ("/root/.ssh/id_rsa", 2600, true), ("/app/server.key", 300, true),
            ("/app/bundle.pem", 3000, true), ("/etc/ssl/certs/ISRG_Root_X1.pem", 1900, false),
            ("/usr/bin/bash", 1_200_000, false), ("/app/main.js", 300, false), ("/app/huge.key", 100_000, false),
        ])
    func wantsContents(path: String, size: Int, wanted: Bool) {
        #expect(ImageHygieneAnalyzer.wantsContents(path: path, size: size) == wanted)
    }

    @Test("Credential files by convention; package source files with similar names are not")
    func credentialFiles() {
        let facts = F.withFiles([
            F.file("/root/.aws/credentials", 0o600),
            F.file("/home/dev/.git-credentials", 0o600, layer: 1, removedBy: 2),
            F.file("/usr/lib/python3/dist-packages/botocore/credentials.py"),
            F.file("/app/config.json"),
            F.file("/app/credentials"),
        ])
        let found = F.findings(facts, ImageHygieneRules.credentialFile)
        #expect(found.map(\.location.path) == ["/root/.aws/credentials", "/home/dev/.git-credentials"])
        #expect(found.map(\.location.presence) == [.present, .removed])
    }

    @Test(".git directories are grouped; third-party trees are skipped")
    func gitDirectories() throws {
        let facts = F.withFiles([
            F.file("/app/.git", 0o755, kind: .directory),
            F.file("/app/.git/config", size: 300),
            F.file("/app/.git/HEAD", size: 23),
            F.file("/usr/lib/node_modules/pkg/.git/HEAD", size: 23),
            F.file("/app/.gitignore", size: 23),
        ])
        let found = F.findings(facts, ImageHygieneRules.gitDirectory)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.location.path == "/app/.git")
        #expect(finding.message.contains("2 entries"))
    }

    @Test("Unnecessary files: editor/OS artefacts, Dockerfiles, shell histories, non-package caches")
    func unnecessary() {
        let facts = F.withFiles([
            F.file("/app/.DS_Store"),
            F.file("/app/Dockerfile"),
            F.file("/root/.bash_history"),
            F.file("/app/.idea/workspace.xml"),
            F.file("/app/.idea/misc.xml"),
            F.file("/root/.cache/node-gyp/x.h"),
            F.file("/usr/lib/node_modules/pkg/.DS_Store"),
            F.file("/app/README.md"),
        ])
        let found = F.findings(facts, ImageHygieneRules.unnecessaryFiles)
        #expect(
            found.map(\.location.path) == [
                "/app/.DS_Store", "/app/.idea", "/app/Dockerfile", "/root/.bash_history", "/root/.cache",
            ])
    }

    @Test("Large leftovers are reported per layer above the threshold")
    func leftovers() throws {
        let big = F.withFiles([
            F.file("/opt/build/toolchain.tar", layer: 1, removedBy: 2, size: 40 << 20),
            F.file("/tmp/build.log", layer: 1, size: 12 << 20),
            F.file("/opt/build/small", layer: 2, removedBy: 3, size: 10 << 20),
        ])
        let found = F.findings(big, ImageHygieneRules.largeLayerLeftovers)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.location.layer == "sha256:layer1")
        #expect(finding.message.contains("52 MiB"))
        #expect(finding.message.contains("40 MiB deleted or replaced"))
    }
}
