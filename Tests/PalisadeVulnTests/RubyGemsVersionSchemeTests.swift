import SeededRandom
import Testing

@testable import PalisadeVuln

// Reference cases from rubygems/rubygems test/rubygems/test_gem_version.rb (MIT licence,
// https://github.com/rubygems/rubygems): test_spaceship, test_equals2, test_initialize, test_initialize_bad,
// test_prerelease and the `+`-free part of test_semver (current RubyGems rejects `+build` metadata).
enum RubyGemsReference {
    /// (lhs, rhs, lhs <=> rhs)
    static let spaceship: [(String, String, Int)] = [
        ("1.0", "1.0.0", 0), ("1.0", "1.0.a", 1), ("1.8.2", "0.0.0", 1), ("1.8.2", "1.8.2.a", 1),
        ("1.8.2.b", "1.8.2.a", 1), ("1.8.2.a", "1.8.2", -1), ("1.8.2.a10", "1.8.2.a9", 1),
        ("0.beta.1", "0.0.beta.1", 0), ("0.0.beta", "0.0.beta.1", -1), ("0.0.beta", "0.beta.1", -1),
        ("5.a", "5.0.0.rc2", -1), ("5.x", "5.0.0.rc2", 1), ("1.2.b1", "1.2.b.1", 0), ("1.2", "1.3", -1),
        ("1.0", " 1.0 ", 0), ("1.0", "1.0\n", 0), ("1.0", "\n1.0\n", 0),
        // Not in RubyGems' table: `-` reads as `.pre.`, numbers beyond 64 bits compare by value.
        ("1.0.0-rc1", "1.0.0.pre.rc1", 0), ("1.0.0-rc1", "1.0.0", -1),
        ("1.99999999999999999999", "1.100000000000000000000", -1),
    ]

    /// test_semver, without the build-metadata entries.
    static let sorted = [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.3.7",
    ]
}

@Suite("RubyGems versions")
struct RubyGemsVersionSchemeTests {
    @Test("test_spaceship and equality cases", arguments: RubyGemsReference.spaceship)
    func spaceship(lhs: String, rhs: String, expected: Int) {
        #expect(RubyGemsVersionScheme.compare(lhs, rhs) == expected)
        #expect(RubyGemsVersionScheme.compare(rhs, lhs) == -expected)
    }

    @Test("test_semver chain is strictly increasing; shuffled lists sort back")
    func semverChain() {
        let list = RubyGemsReference.sorted
        for index in 1..<list.count {
            #expect(
                RubyGemsVersionScheme.compare(list[index - 1], list[index]) == -1, "\(list[index - 1]) < \(list[index])"
            )
        }
        var generator = SplitMix64(seed: 4)
        for _ in 0..<20 {
            #expect(list.shuffled(using: &generator).sorted { RubyGemsVersionScheme.compare($0, $1) == -1 } == list)
        }
    }

    @Test(
        "prerelease versions are those with a letter",
        arguments: [
            ("1.2.0.a", true), ("2.9.b", true), ("22.1.50.0.d", true), ("1.2.d.42", true), ("1.A", true),
            ("1.2.0", false), ("2.9", false), ("22.1.50.0", false),
        ])
    func prerelease(text: String, expected: Bool) throws {
        #expect(try #require(RubyGemsVersionScheme.parse(text)).isPrerelease == expected)
    }

    @Test(
        "malformed versions do not parse",
        arguments: ["junk", "1.0\n2.0", "", "1.", "1..2", ".1", "1.0-", "1.0-a..b", "1.0+build", "v1.0", "1.0 beta"])
    func invalid(text: String) {
        #expect(RubyGemsVersionScheme.parse(text) == nil)
    }
}
