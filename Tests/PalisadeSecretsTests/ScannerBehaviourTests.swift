import PalisadeCore
import Testing

@testable import PalisadeSecrets

@Suite("Secret scanner behaviour")
struct ScannerBehaviourTests {
    @Test("the catalog has at least 60 well-formed rules with unique ids")
    func catalog() {
        let rules = SecretRules.all
        #expect(rules.count >= 60)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(rule.id.hasPrefix("SECRET-"))
            #expect(rule.category == "Secrets")
            #expect(rule.frameworks.nist == [.image])
            #expect(rule.frameworks.mitre.allSatisfy { $0.hasPrefix("T1552") } && !rule.frameworks.mitre.isEmpty)
            #expect(rule.why.count > 40 && rule.remediation.count > 40, "\(rule.id)")
        }
    }

    @Test("decoys and placeholders are not reported by any rule")
    func decoys() {
        let decoys = [
            "password = request.form.get('password')",
            "token := r.Header.Get(\"Authorization\")",
            "PASSWORD=\"${PASSWORD}\"",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "api_key = \"your_api_key_here_1234\"",
            "secret: <token>",
            "password: changeme",
            "password = \"xxxxxxxxxxxx\"",
            "token = \"aaaaaaaaaaaaaaaaaaaaaaaa\"",
            "DB_PASSWORD={{ .Values.db.password }}",
            "password = self.password",
            "if (password == null) { throw new Error('password required') }",
            "secretKeyRef:",
            "api_key = os.getenv(\"API_KEY\")",
        ]
        let session = sharedScanner.makeSession()
        for decoy in decoys {
            #expect(session.scanText(decoy, context: "test").isEmpty, "reported a decoy")
        }
    }

    @Test("GITHUB_TOKEN=ghp_… is reported once, by the GitHub rule, not also by the generic token rule")
    func mostSpecificRuleWins() throws {
        let token = "ghp_" + Fake.alnum(36, "overlap")
        let matches = sharedScanner.makeSession().scanText("GITHUB_TOKEN=" + token, context: "Env")
        #expect(matches.map(\.ruleId) == ["SECRET-GITHUB-PAT"])
        // The generic rule alone does fire on the same text, so the suppression above is real.
        let genericOnly = try SecretScanner(enabledRuleIds: ["SECRET-GENERIC-TOKEN"])
        #expect(
            genericOnly.makeSession().scanText("GITHUB_TOKEN=" + token, context: "Env").map(\.ruleId) == [
                "SECRET-GENERIC-TOKEN"
            ])
    }

    @Test("a service-account JSON reports the GCP rule, not also the PEM rule for the embedded key")
    func containerRuleWins() throws {
        let sample = try #require(SecretSamples.cloud.first { $0.ruleId == "SECRET-GCP-SERVICE-ACCOUNT-KEY" })
        #expect(scan(sample).map(\.ruleId) == ["SECRET-GCP-SERVICE-ACCOUNT-KEY"])
    }

    @Test("line and column are right with CRLF line ends, several lines and a chunk's first line")
    func lineAndColumn() {
        let token = "ghp_" + Fake.alnum(36, "crlf")
        let text = "first\r\nsecond line\r\n  token: " + token + "\r\nlast\r\n"
        let matches = scanFile(text, path: "/app/config.yml")
        #expect(matches.count == 1)
        #expect(matches.first?.line == 3)
        #expect(matches.first?.column == 10)
        let chunk = scanFile(text, path: "/app/config.yml", firstLine: 1001)
        #expect(chunk.first?.line == 1003)
        let unicode = scanFile("é = 1\nnäme: " + token + "\n", path: "/app/x.yml")
        #expect(unicode.first?.line == 2 && unicode.first?.column == 7)
    }

    @Test("several secrets on one line and across lines are all reported, in order")
    func multipleMatches() {
        let a = "ghp_" + Fake.alnum(36, "multi-a")
        let b = "npm_" + Fake.alnum(36, "multi-b")
        let c = "ghp_" + Fake.alnum(36, "multi-c")
        let matches = scanFile(a + " " + b + "\n\n" + c + "\n", path: "/app/notes.txt")
        #expect(matches.map(\.ruleId) == ["SECRET-GITHUB-PAT", "SECRET-NPM-TOKEN", "SECRET-GITHUB-PAT"])
        #expect(matches.map(\.line) == [1, 1, 3])
        #expect(matches.map(\.column) == [1, 42, 1])
    }

    @Test(
        "test fixtures inside installed packages are reported at low severity",
        arguments: [
            "/usr/lib/python3/site-packages/requests/tests/test_auth.py",
            "/usr/local/lib/python3.12/site-packages/botocore/tests/fixtures/creds.json",
            "/app/node_modules/jsonwebtoken/test/keys.js",
            "/usr/local/go/src/crypto/tls/handshake_test.go",
        ])
    func fixturesAreLow(path: String) {
        let token = "ghp_" + Fake.alnum(36, "fixture")
        let matches = scanFile("t = '" + token + "'\n", path: path)
        #expect(matches.map(\.severity) == [.low])
        #expect(matches.first?.message.contains("test fixture") == true)
    }

    @Test(
        "application files, even under a tests directory, keep the rule's severity",
        arguments: ["/app/tests/settings.py", "/usr/lib/python3/site-packages/requests/auth.py"])
    func nonFixturesKeepSeverity(path: String) {
        let token = "ghp_" + Fake.alnum(36, "not-fixture")
        #expect(scanFile("t = '" + token + "'\n", path: path).map(\.severity) == [.critical])
    }

    @Test("binary files are scanned only with high-confidence prefixed rules")
    func binaryFiles() {
        let akia = "AKIA" + Fake.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, "binary-akia")
        let password = "db_password = \"" + Fake.alnum(16, "binary-pass") + "\""
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0]
        bytes += Array(("\n" + akia + "\n" + password + "\n").utf8) + [0, 1, 2]
        #expect(scanBytes(bytes, path: "/usr/bin/app").map(\.ruleId) == ["SECRET-AWS-ACCESS-KEY"])
        // The same text without NUL bytes is reported by both rules.
        let text = Array(("\n" + akia + "\n" + password + "\n").utf8)
        #expect(
            scanBytes(text, path: "/app/x.txt").map(\.ruleId) == ["SECRET-AWS-ACCESS-KEY", "SECRET-GENERIC-PASSWORD"])
    }

    @Test("PKCS#12 files are recognised by name and DER header")
    func pkcs12() {
        let der: [UInt8] = [0x30, 0x82, 0x0A, 0x1F, 0x02, 0x01, 0x03] + Fake.bytes(64, "p12")
        let hit = scanBytes(der, path: "/app/certs/client.p12")
        #expect(hit.map(\.ruleId) == ["SECRET-PKCS12-FILE"])
        #expect(hit.first?.severity == .high)
        #expect(scanBytes(der, path: "/app/certs/client.bin").isEmpty)
        #expect(scanBytes(Array("not a key store".utf8), path: "/app/certs/client.pfx").isEmpty)
        #expect(
            scanBytes(der, path: "/usr/lib/python3/site-packages/x/tests/data/c.pfx").map(\.severity) == [.low])
    }

    @Test("enabledRuleIds selects rules; unknown ids are an error")
    func ruleSelection() throws {
        let token = "ghp_" + Fake.alnum(36, "selection")
        let only = try SecretScanner(enabledRuleIds: ["SECRET-NPM-TOKEN"])
        #expect(only.makeSession().scanText(token, context: "Env").isEmpty)
        let none = try SecretScanner(enabledRuleIds: [])
        #expect(none.makeSession().scanText(token, context: "Env").isEmpty)
        #expect(throws: SecretScannerError.unknownRules(["SECRET-NOPE"])) {
            try SecretScanner(enabledRuleIds: ["SECRET-NOPE"])
        }
    }

    @Test("config text: build args in history and env entries")
    func configText() {
        let token = "npm_" + Fake.alnum(36, "history")
        let history = "RUN |1 NPM_TOKEN=" + token + " /bin/sh -c npm ci"
        let matches = sharedScanner.makeSession().scanText(history, context: "the image history")
        #expect(matches.map(\.ruleId) == ["SECRET-NPM-TOKEN"])
        #expect(matches.first?.message == "Access token for the npm registry in the image history")
        #expect(matches.first?.column == 18)
    }

    @Test("a session can be reused for many files and results do not leak between calls")
    func sessionReuse() {
        let session = sharedScanner.makeSession()
        let token = "ghp_" + Fake.alnum(36, "reuse")
        #expect(scanFile(token, path: "/a", session: session).count == 1)
        #expect(scanFile("nothing here", path: "/b", session: session).isEmpty)
        #expect(scanFile(token, path: "/c", session: session).count == 1)
        #expect(session.scanText("", context: "Env").isEmpty)
    }

    @Test("sessions on concurrent tasks share one scanner")
    func concurrentSessions() async {
        let token = "ghp_" + Fake.alnum(36, "concurrent")
        let text = String(repeating: "filler line of text\n", count: 500) + token + "\n"
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let session = sharedScanner.makeSession()
                    var n = 0
                    for _ in 0..<20 { n += scanFile(text, path: "/x", session: session).count }
                    return n
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 20, count: 8))
    }
}
