import PalisadeCore
import Testing

@testable import PalisadeImage

@Suite("Image hygiene: account rules")
struct HygieneAccountTests {
    typealias F = HygieneFixture

    static let shadow = """
        root:$6$xyzsalt$Q2hhbmdlZCBoYXNoIHZhbHVlIGZvciB0ZXN0aW5nIG9ubHk:19000:0:99999:7:::
        daemon:*:19000:0:99999:7:::
        nobody:!:19000:0:99999:7:::
        svc:!!:19000::::::
        locked:!$y$j9T$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g:19000:0:99999:7:::
        guest::19000:0:99999:7:::
        """

    static func facts(_ files: [String: String]) -> ImageFacts {
        var contents = F.cleanContents
        var records = F.cleanFiles
        for (path, text) in files {
            contents[path] = Array(text.utf8)
            if !records.contains(where: { $0.path == path }) { records.append(F.file(path, 0o640, layer: 2)) }
        }
        return F.facts(files: records, contents: contents)
    }

    @Test(
        "Shadow hashes are reported with line and layer, never the hash; locked/disabled entries without hash are not")
    func shadowHashes() {
        let found = F.findings(Self.facts(["/etc/shadow": Self.shadow]), ImageHygieneRules.shadowHashes)
        #expect(found.map(\.location.line) == [1, 5])
        #expect(found.allSatisfy { $0.location.path == "/etc/shadow" && $0.location.layer == "sha256:layer2" })
        #expect(found.map(\.evidence) == ["root: SHA-512-crypt hash", "locked: yescrypt hash"])
        #expect(found[1].message.contains("locked"))
        #expect(found.allSatisfy { !$0.message.contains("Q2hh") && $0.evidence?.contains("Q2hh") == false })
    }

    @Test("Empty password fields are reported (DKL-LI-0001), in shadow and in passwd")
    func emptyPassword() {
        let passwd = "root:x:0:0::/root:/bin/sh\nkiosk::1001:1001::/home/kiosk:/bin/sh\n"
        let found = F.findings(
            Self.facts(["/etc/shadow": Self.shadow, "/etc/passwd": passwd]), ImageHygieneRules.emptyPassword)
        #expect(found.map(\.location.path) == ["/etc/shadow", "/etc/passwd"])
        #expect(found.map(\.location.line) == [6, 2])
        #expect(found[0].message.contains("\"guest\""))
    }

    @Test("Alpine's locked root (root:*) is not an empty password")
    func lockedRoot() {
        let found = ImageHygieneAnalyzer().analyze(Self.facts(["/etc/shadow": "root:*::0:::::\n"]))
        #expect(found.isEmpty)
    }

    @Test("Duplicate UIDs and GIDs are reported at the second entry (DKL-LI-0002)")
    func duplicates() {
        let passwd = "root:x:0:0::/root:/bin/sh\n# comment\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n"
        let group = "root:x:0:\nstaff:x:50:\nstaff2:x:50:\n"
        let found = F.findings(Self.facts(["/etc/passwd": passwd, "/etc/group": group]), ImageHygieneRules.duplicateID)
        #expect(found.map(\.location.path) == ["/etc/passwd", "/etc/group"])
        #expect(found.map(\.location.line) == [3, 3])
        #expect(found[0].message.contains("second root"))
        let unique = F.findings(F.facts(), ImageHygieneRules.duplicateID)
        #expect(unique.isEmpty)
    }

    @Test("NOPASSWD sudoers rules are reported; comments are not")
    func sudoers() {
        let text = "# app ALL=(ALL) NOPASSWD: ALL\nDefaults env_reset\napp ALL=(ALL) NOPASSWD: ALL\n"
        let found = F.findings(Self.facts(["/etc/sudoers.d/app": text]), ImageHygieneRules.sudo)
        #expect(found.map(\.location.line) == [3])
        #expect(found.first?.location.path == "/etc/sudoers.d/app")
    }
}
