import SeededRandom
import Testing

@testable import PalisadeVuln

/// PyPI name normalisation (PEP 503): the byte path for ASCII names must agree with the Unicode
/// reference on every input, and leave already-canonical names untouched.
@Suite struct AdvisoryNamesTests {
    @Test(arguments: [
        ("Jinja2", "jinja2"), ("zope.interface", "zope-interface"), ("Foo__Bar..baz", "foo-bar-baz"),
        ("a-_.-b", "a-b"), ("-lead_", "-lead-"), ("already-canonical", "already-canonical"), ("", ""),
        ("Ölpaket_X", "ölpaket-x"), ("PyYAML", "pyyaml"),
    ])
    func pep503(_ name: String, _ expected: String) {
        #expect(AdvisoryNames.canonical(name, ecosystem: "PyPI") == expected)
    }

    @Test func otherEcosystemsCompareExactly() {
        #expect(AdvisoryNames.canonical("Foo_Bar", ecosystem: "npm") == "Foo_Bar")
        #expect(AdvisoryNames.canonical("github.com/A/B", ecosystem: "Go") == "github.com/A/B")
    }

    @Test func asciiPathAgreesWithUnicodeReference() {
        var rng = SplitMix64(seed: 503)
        let alphabet: [Character] = Array("aZz09-_.Aé")
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...12, using: &rng)
            let name = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(
                AdvisoryNames.canonical(name, ecosystem: "PyPI") == AdvisoryNames.unicodeCanonical(name), "\(name)")
        }
    }
}
