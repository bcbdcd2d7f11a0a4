import PalisadeCore
import Testing

@testable import PalisadeImage

@Suite("Image hygiene: rule catalog and scale")
struct HygieneCatalogTests {
    typealias F = HygieneFixture

    @Test("Rule ids are unique IMG-* ids with real text and an image NIST mapping")
    func catalog() {
        let rules = ImageHygieneRules.all
        #expect(RuleCatalog(rules).duplicateIds.isEmpty)
        for rule in rules {
            #expect(rule.id.hasPrefix("IMG-"))
            #expect(rule.why.count > 80)
            #expect(rule.remediation.count > 30)
            #expect(rule.frameworks.nist.contains(.image))
            #expect(!rule.references.isEmpty)
        }
    }

    /// One image with every problem: every rule in the catalog must fire on it, so no rule is dead.
    static var kitchenSink: ImageFacts {
        let history = [
            HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:5d6b639e in / "),
            HistoryEntry(createdBy: "/bin/sh -c apt-get update"),
            HistoryEntry(createdBy: "RUN /bin/sh -c sudo apt-get -y dist-upgrade && apk add curl # buildkit"),
            HistoryEntry(createdBy: "ADD https://example.com/x.sh /x.sh # buildkit"),
            HistoryEntry(createdBy: "ADD vendor.tar.gz /opt/ # buildkit"),
            HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:aa in /app/ "),
        ]
        let files = [
            F.file("/etc/shadow", 0o640, layer: 0), F.file("/etc/passwd", layer: 0), F.file("/etc/group", layer: 0),
            F.file("/usr/bin/passwd", 0o4755, layer: 0), F.file("/app/data", 0o777, kind: .directory),
            F.file("/usr/sbin/sshd", 0o755), F.file("/usr/bin/bash", 0o755), F.file("/usr/bin/sudo", 0o4755),
            F.file("/var/lib/apt/lists/x_Packages", size: 70 << 20), F.file("/root/.ssh/id_ed25519", 0o600, size: 400),
            F.file("/root/.netrc", 0o600), F.file("/app/.git/HEAD"), F.file("/app/.DS_Store"),
        ]
        let contents: [String: [UInt8]] = [
            "/etc/shadow": Array("root:$6$salt$aGFzaGhhc2hoYXNo:1::::::\nguest::1::::::\n".utf8),
            "/etc/passwd": Array("root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n".utf8),
            "/etc/group": Array("root:x:0:\n".utf8),
        ]
        let config = ImageConfig(
            user: "", env: ["DB_PASSWORD=hunter2hunter2"], exposedPorts: ["22/tcp"],
            labels: [(key: "org.opencontainers.image.base.name", value: "debian:latest")], volumes: ["/etc"],
            history: history)
        return ImageFacts(
            reference: "registry.example.com/app:latest", config: config, layers: F.layers(6), files: files,
            contents: contents)
    }

    @Test("Every rule in the catalog fires on the kitchen-sink image")
    func everyRuleFires() {
        let fired = Set(ImageHygieneAnalyzer().analyze(Self.kitchenSink).map(\.ruleId))
        #expect(fired == Set(ImageHygieneRules.all.map(\.id)))
    }

    @Test("Every finding points at the image reference, with line 0 unless it names a line")
    func locations() {
        for finding in ImageHygieneAnalyzer().analyze(Self.kitchenSink) {
            #expect(finding.location.file == "registry.example.com/app:latest")
            #expect(finding.location.column == 0)
            if finding.location.path.hasPrefix("/") { #expect(finding.location.layer != nil) }
        }
    }

    @Test("Findings per rule are capped, the last one counting the rest")
    func cap() throws {
        let many = (0..<1500).map { F.file("/usr/bin/tool\($0)", 0o4755) }
        let found = F.findings(F.withFiles(many), ImageHygieneRules.setuid)
        #expect(found.count == ImageHygieneAnalyzer.maximumFindingsPerRule)
        let last = try #require(found.last)
        #expect(last.message.hasSuffix("(and 500 more IMG-SETUID findings not listed)"))
    }

    @Test("A million-file image is analysed in one pass with the planted findings only")
    func millionFiles() {
        var files: [FileRecord] = []
        files.reserveCapacity(1_000_010)
        for i in 0..<1_000_000 {
            files.append(
                FileRecord(
                    path: "/usr/share/pkg\(i / 1000)/data/file\(i).txt", kind: .regular, mode: 0o644, size: 512,
                    layer: i % 3, removedBy: i % 1000 == 0 && i % 3 < 2 ? 2 : nil))
        }
        files.append(F.file("/usr/bin/passwd", 0o4755, layer: 0))
        files.append(F.file("/srv/key/server.key", 0o600, layer: 2, size: 300))
        let facts = F.facts(files: F.cleanFiles + files, contents: F.cleanContents)
        let found = ImageHygieneAnalyzer().analyze(facts)
        #expect(found.map(\.ruleId).sorted() == ["IMG-PRIVATE-KEY-FILE", "IMG-SETUID"])
    }
}
