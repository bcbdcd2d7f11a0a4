import Testing

@testable import PalisadeSecrets

@Suite("Secret scanner on random input")
struct FuzzTests {
    @Test("random bytes never crash and never match a prefixed rule", arguments: 0..<8)
    func randomBytes(seed: Int) {
        let bytes = Fake.bytes(1 << 20, "fuzz-\(seed)")
        let matches = scanBytes(bytes, path: "/fuzz/\(seed).bin")
        let prefixed = Set(
            SecretRules.patternRules.filter { $0.specificity >= .prefixed }.map(\.metadata.id))
        #expect(matches.filter { prefixed.contains($0.ruleId) }.isEmpty)
    }

    @Test("random printable text with assignment syntax never crashes", arguments: 0..<4)
    func randomText(seed: Int) {
        var f = Fake("fuzz-text-\(seed)")
        let alphabet = Fake.alnumSet + " =:\"'\n\r\t-_./+${}<>#@"
        let text = f.from(alphabet, 1 << 18) + "password = \"" + "\n" + "-----BEGIN RSA PRIVATE KEY-----"
        let matches = scanFile(text, path: "/fuzz/.env")
        #expect(matches.allSatisfy { $0.line >= 1 && $0.column >= 1 })
        let prefixed = Set(SecretRules.patternRules.filter { $0.specificity >= .prefixed }.map(\.metadata.id))
        #expect(matches.filter { prefixed.contains($0.ruleId) }.isEmpty)
    }

    @Test("truncated and degenerate inputs are handled")
    func degenerate() {
        for text in ["", "\n", "\r\n", "=", "password=", "-----BEGIN RSA PRIVATE KEY-----", "ghp_", "\"auth\":\""] {
            _ = scanFile(text, path: "/x/.env")
            _ = sharedScanner.makeSession().scanText(text, context: "Env")
        }
        let longLine = String(repeating: "a", count: 5_000_000) + " password=" + Fake.alnum(14, "long") + " "
        #expect(scanFile(longLine, path: "/x/min.js").map(\.ruleId) == ["SECRET-GENERIC-PASSWORD"])
    }
}
