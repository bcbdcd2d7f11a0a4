import PalisadeCore
import PalisadeImage
import Testing

/// Garbled Dockerfiles never crash or hang the parser and analyzer: they parse or give a
/// `DockerfileParseError`.
@Suite("Dockerfile fuzz")
struct DockerfileFuzzTests {
    /// Deterministic xorshift, so a failure reproduces.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let fragments: [String] = [
        "FROM ", "RUN ", "COPY ", "ADD ", "ARG ", "ENV ", "USER ", "ONBUILD ", "HEALTHCHECK ", "CMD ", "ENTRYPOINT ",
        "WORKDIR ", "EXPOSE ", "<<EOF", "<<-'X'", "EOF", "X", "\\", "`", "\n", "\n\n", "# escape=`\n", "# c\n",
        "${A:-b}",
        "$", "{", "}", "\"", "'", "[", "]", "[\"sh\",\"-c\",\"x\"]", " | ", " && ", "curl x", " sh", "sudo ", "$(", ")",
        "<(", "--mount=type=cache,target=/x ", "--from=0 ", " AS b", "apt-get install -y", "pip install", "chmod 777",
        "=", "ghp_", "AKIA", "\t", "\r\n", "\u{0}", "é", "🚀",
    ]

    @Test("random fragment soup", arguments: 0..<8)
    func soup(seed: Int) {
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15 &+ UInt64(seed) &* 0x1000_0001)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<rng.below(60) { text += Self.fragments[rng.below(Self.fragments.count)] }
            Self.check(Array(text.utf8))
        }
    }

    @Test("random bytes", arguments: 0..<4)
    func bytes(seed: Int) {
        var rng = Rng(state: 0xDEAD_BEEF &+ UInt64(seed))
        for _ in 0..<200 {
            Self.check((0..<rng.below(400)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 128 + 1) })
        }
    }

    @Test("deep nesting and long lines stay bounded")
    func pathological() {
        Self.check(Array(("FROM a:1\nRUN " + String(repeating: "$(", count: 5000) + "\n").utf8))
        Self.check(Array(("FROM a:1\nRUN " + String(repeating: "a | ", count: 20000) + "\n").utf8))
        Self.check(Array(("FROM a:1\n" + String(repeating: "RUN x \\\n", count: 20000)).utf8))
        Self.check(Array(("FROM a:1\nRUN " + String(repeating: "<<A ", count: 2000) + "\n").utf8))
    }

    static func check(_ bytes: [UInt8]) {
        do {
            let dockerfile = try DockerfileParser.parse(bytes)
            let findings = DockerfileAnalyzer().analyze(dockerfile, file: "f", dockerignore: .missing)
            for finding in findings { #expect(finding.location.line >= 1) }
        } catch {
            #expect(!error.reason.isEmpty)
        }
    }
}
