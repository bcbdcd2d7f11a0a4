import PalisadeImage
import Testing

@Suite("DockerignoreMatcher")
struct DockerignoreMatcherTests {
    @Test(
        "patterns, ** and ! negation, last match wins, parent directories",
        arguments: [
            ("*.pem", "tls.pem", true),
            ("*.pem", "certs/tls.pem", false),
            ("**/*.pem", "certs/deep/tls.pem", true),
            ("**/*.pem", "tls.pem", true),
            ("/.git/", ".git", true),
            (".git", ".git/objects/ab", true),
            ("./.env", ".env", true),
            (".*", ".env", true),
            ("id_rsa*", "id_rsa.pub", true),
            ("secrets/**", "secrets/a/b", true),
            ("*\n!src", "src", false),
            ("*\n!src", ".git", true),
            ("*.key\n!public.key", "public.key", false),
            ("!x\n*.key", "server.key", true),
            ("# comment\n\n[a-c]at", "bat", true),
            ("[^a-c]at", "bat", false),
            ("fo?", "foo", true),
            ("foo", "foobar", false),
        ] as [(String, String, Bool)])
    func matches(patterns: String, path: String, excluded: Bool) {
        #expect(DockerignoreMatcher(patterns).excludes(path) == excluded)
    }
}
