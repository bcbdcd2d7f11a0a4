import SeededRandom
import Testing

@testable import PalisadeVuln

// Reference data copied from pypa/packaging tests/test_version.py (dual-licensed Apache-2.0 / BSD-2-Clause,
// https://github.com/pypa/packaging): the VERSIONS list, in its sorted order, and normalisation cases.
enum PEP440Reference {
    static let sorted: [String] = {
        let withoutEpoch = [
            "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0",
            "1.0a1.dev1", "1.0a1.dev1+local", "1.0a1", "1.0a1+local", "1.0b0", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0rc0", "1.0rc1.dev1", "1.0c1", "1.0rc2",
            "1.0", "1.0.post0.dev0", "1.0.post0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local",
            "1.0.1.dev1", "1.0.1a1", "1.0.1", "1.0.1+local", "1.0.1.post1", "1.1.dev1", "1.2+a", "1.2+abc",
            "1.2+abcdef", "1.2+def", "1.2+0", "1.2+1", "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123",
            "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456",
        ]
        return withoutEpoch + withoutEpoch.map { "1!" + $0 }
    }()

    static let normalised: [(String, String)] = [
        ("1.0dev", "1.0.dev0"), ("1.0.dev", "1.0.dev0"), ("1.0dev1", "1.0.dev1"), ("1.0-dev", "1.0.dev0"),
        ("1.0-dev1", "1.0.dev1"), ("1.0DEV", "1.0.dev0"), ("1.0.DEV", "1.0.dev0"), ("1.0DEV1", "1.0.dev1"),
        ("1.0.DEV1", "1.0.dev1"), ("1.0-DEV", "1.0.dev0"), ("1.0-DEV1", "1.0.dev1"),
        ("1.0a", "1.0a0"), ("1.0.a", "1.0a0"), ("1.0.a1", "1.0a1"), ("1.0-a", "1.0a0"), ("1.0-a1", "1.0a1"),
        ("1.0alpha", "1.0a0"), ("1.0.alpha", "1.0a0"), ("1.0.alpha1", "1.0a1"), ("1.0-alpha", "1.0a0"),
        ("1.0-alpha1", "1.0a1"), ("1.0A", "1.0a0"), ("1.0.A", "1.0a0"), ("1.0.A1", "1.0a1"), ("1.0-A", "1.0a0"),
        ("1.0-A1", "1.0a1"), ("1.0ALPHA", "1.0a0"), ("1.0.ALPHA", "1.0a0"), ("1.0.ALPHA1", "1.0a1"),
        ("1.0-ALPHA", "1.0a0"), ("1.0-ALPHA1", "1.0a1"),
        ("1.0b", "1.0b0"), ("1.0.b", "1.0b0"), ("1.0.b1", "1.0b1"), ("1.0-b", "1.0b0"), ("1.0-b1", "1.0b1"),
        ("1.0beta", "1.0b0"), ("1.0.beta", "1.0b0"), ("1.0.beta1", "1.0b1"), ("1.0-beta", "1.0b0"),
        ("1.0-beta1", "1.0b1"), ("1.0B", "1.0b0"), ("1.0.B", "1.0b0"), ("1.0.B1", "1.0b1"), ("1.0-B", "1.0b0"),
        ("1.0-B1", "1.0b1"), ("1.0BETA", "1.0b0"), ("1.0.BETA", "1.0b0"), ("1.0.BETA1", "1.0b1"),
        ("1.0-BETA", "1.0b0"), ("1.0-BETA1", "1.0b1"),
        ("1.0c", "1.0rc0"), ("1.0.c", "1.0rc0"), ("1.0.c1", "1.0rc1"), ("1.0-c", "1.0rc0"), ("1.0-c1", "1.0rc1"),
        ("1.0rc", "1.0rc0"), ("1.0.rc", "1.0rc0"), ("1.0.rc1", "1.0rc1"), ("1.0-rc", "1.0rc0"),
        ("1.0-rc1", "1.0rc1"), ("1.0C", "1.0rc0"), ("1.0.C", "1.0rc0"), ("1.0.C1", "1.0rc1"), ("1.0-C", "1.0rc0"),
        ("1.0-C1", "1.0rc1"), ("1.0RC", "1.0rc0"), ("1.0.RC", "1.0rc0"), ("1.0.RC1", "1.0rc1"),
        ("1.0-RC", "1.0rc0"), ("1.0-RC1", "1.0rc1"),
        ("1.0post", "1.0.post0"), ("1.0.post", "1.0.post0"), ("1.0post1", "1.0.post1"), ("1.0-post", "1.0.post0"),
        ("1.0-post1", "1.0.post1"), ("1.0POST", "1.0.post0"), ("1.0.POST", "1.0.post0"),
        ("1.0POST1", "1.0.post1"), ("1.0r", "1.0.post0"), ("1.0rev", "1.0.post0"), ("1.0.POST1", "1.0.post1"),
        ("1.0.r1", "1.0.post1"), ("1.0.rev1", "1.0.post1"), ("1.0-POST", "1.0.post0"),
        ("1.0-POST1", "1.0.post1"), ("1.0-5", "1.0.post5"), ("1.0-r5", "1.0.post5"), ("1.0-rev5", "1.0.post5"),
        ("1.0+AbC", "1.0+abc"), ("1.01", "1.1"), ("1.0a05", "1.0a5"), ("1.0b07", "1.0b7"),
        ("1.0c056", "1.0rc56"), ("1.0rc09", "1.0rc9"), ("1.0.post000", "1.0.post0"),
        ("1.1.dev09000", "1.1.dev9000"), ("00!1.2", "1.2"), ("0100!0.0", "100!0.0"), ("v1.0", "1.0"),
        ("   v1.0\t\n", "1.0"),
        // Not in packaging's table: PEP 440's own spellings `pre`/`preview` and `_` separators.
        ("1.0pre2", "1.0rc2"), ("1.0-preview_3", "1.0rc3"), ("1.0_post_2", "1.0.post2"),
        ("1.0+ubuntu-1_2", "1.0+ubuntu.1.2"),
    ]

    static let invalid = [
        "french toast", "1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1", "1. 0", "1 .0", "1. 0a1",
        "1 .0a1", "1.0 a1", "1.0a 1", "٠١٢.٣٤٥.٦٧٨٩", ".", "..", "1..0", "1.0.", ".1.0", "1..2.3", "1.0+\u{130}",
        // Not in packaging's table: empty text and a number that does not fit 64 bits.
        "", "v", "1.99999999999999999999",
    ]
}

@Suite("PEP 440 versions")
struct PEP440VersionSchemeTests {
    @Test("packaging's VERSIONS list is strictly increasing, pair by pair")
    func referenceOrder() throws {
        let parsed = try PEP440Reference.sorted.map { try #require(PEP440VersionScheme.parse($0), "\($0)") }
        for index in 1..<parsed.count {
            #expect(
                parsed[index - 1] < parsed[index],
                "\(PEP440Reference.sorted[index - 1]) < \(PEP440Reference.sorted[index])")
            #expect(!(parsed[index] < parsed[index - 1]))
            #expect(parsed[index - 1] != parsed[index])
        }
    }

    @Test("sorting a shuffled reference list restores it")
    func shuffledSortRestoresOrder() throws {
        var generator = SplitMix64(seed: 440)
        for _ in 0..<20 {
            let shuffled = PEP440Reference.sorted.shuffled(using: &generator)
            let sorted = shuffled.sorted { PEP440VersionScheme.compare($0, $1) == -1 }
            #expect(sorted == PEP440Reference.sorted)
        }
    }

    @Test("normalised form matches packaging", arguments: PEP440Reference.normalised)
    func normalisation(input: String, expected: String) throws {
        let version = try #require(PEP440VersionScheme.parse(input))
        #expect(version.description == expected)
        #expect(PEP440VersionScheme.compare(input, expected) == 0)
    }

    @Test("invalid versions do not parse", arguments: PEP440Reference.invalid)
    func invalid(input: String) {
        #expect(PEP440VersionScheme.parse(input) == nil)
        #expect(PEP440VersionScheme.compare(input, "1.0") == nil)
    }

    @Test(
        "equalities from PEP 440",
        arguments: [("1.0", "1.0.0"), ("1.0rc1", "1.0c1"), ("0!1.0", "1.0"), ("1.0.0.0", "1"), ("1.0+1", "1.0+01")])
    func equal(a: String, b: String) {
        #expect(PEP440VersionScheme.compare(a, b) == 0)
    }

    @Test(
        "PEP 440 summary ordering examples",
        arguments: [
            ("1.0.dev1", "1.0a1"), ("1.0a1", "1.0b1"), ("1.0b1", "1.0rc1"), ("1.0rc1", "1.0"), ("1.0", "1.0.post1"),
            ("1.0.post1", "1.1"), ("2.0", "1!0.1"), ("1.0", "1.0+local"), ("1.0.post1.dev1", "1.0.post1"),
            ("1.9", "1.10"), ("1.0a2", "1.0a10"),
        ])
    func ordered(lower: String, higher: String) {
        #expect(PEP440VersionScheme.compare(lower, higher) == -1)
        #expect(PEP440VersionScheme.compare(higher, lower) == 1)
    }
}
