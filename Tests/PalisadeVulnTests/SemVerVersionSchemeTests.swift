import SeededRandom
import Testing

@testable import PalisadeVuln

// Reference chain from the Semantic Versioning 2.0.0 specification §11 (https://semver.org, CC BY 3.0),
// extended with the §11 core example `1.0.0 < 2.0.0 < 2.1.0 < 2.1.1`.
enum SemVerReference {
    static let sorted = [
        "0.9.9", "1.0.0-0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
    ]
}

@Suite("SemVer versions")
struct SemVerVersionSchemeTests {
    @Test("semver.org §11 precedence chain is strictly increasing")
    func referenceOrder() throws {
        let parsed = try SemVerReference.sorted.map { try #require(SemVerVersionScheme.parse($0), "\($0)") }
        for index in 1..<parsed.count {
            #expect(
                parsed[index - 1] < parsed[index],
                "\(SemVerReference.sorted[index - 1]) < \(SemVerReference.sorted[index])")
            #expect(!(parsed[index] < parsed[index - 1]))
        }
    }

    @Test("sorting a shuffled reference list restores it")
    func shuffledSortRestoresOrder() {
        var generator = SplitMix64(seed: 2)
        for _ in 0..<20 {
            let sorted = SemVerReference.sorted.shuffled(using: &generator).sorted {
                SemVerVersionScheme.compare($0, $1) == -1
            }
            #expect(sorted == SemVerReference.sorted)
        }
    }

    @Test(
        "equal under precedence: build metadata, prefixes, NuGet revision 0",
        arguments: [
            ("1.0.0+build.1", "1.0.0+build.2"), ("1.0.0-alpha+001", "1.0.0-alpha"), ("v1.2.3", "1.2.3"),
            ("=1.2.3", "1.2.3"), ("v2.0.0+incompatible", "2.0.0"), ("1.2.3.0", "1.2.3"), (" 1.2.3 ", "1.2.3"),
            ("1.0.0-rc.01", "1.0.0-rc.1"),
        ])
    func equal(a: String, b: String) {
        #expect(SemVerVersionScheme.compare(a, b) == 0)
    }

    @Test(
        "ordered pairs: Go pseudo-versions, NuGet revisions, large numeric identifiers",
        arguments: [
            // Go: a pseudo-version based on no tag sorts before v0.0.1 and by timestamp among themselves.
            ("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa"),
            ("v0.0.0-20191109021931-daa7c04131f5", "v0.0.1"),
            // Pseudo-version after a tag v1.2.3 is v1.2.4-0.yyyymmddhhmmss-hash: above v1.2.3, below v1.2.4.
            ("v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5"),
            ("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4"),
            ("v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre.1"),
            ("1.2.3", "1.2.3.1"), ("1.2.3.9", "1.2.3.10"), ("1.2.3-alpha", "1.2.3.1-alpha"),
            ("1.0.0-99999999999999999999", "1.0.0-100000000000000000000"), ("1.0.0-999", "1.0.0-a"),
            ("1.0.0-Z", "1.0.0-a"),
        ])
    func ordered(lower: String, higher: String) {
        #expect(SemVerVersionScheme.compare(lower, higher) == -1)
        #expect(SemVerVersionScheme.compare(higher, lower) == 1)
    }

    @Test(
        "invalid versions do not parse",
        arguments: [
            "", "v", "1", "1.2", "1.2.3.4.5", "1..3", "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3-a_b", "a.b.c",
            "1.2.3-α", "99999999999999999999.0.0", "1.2.3 -alpha", "-1.2.3",
        ])
    func invalid(input: String) {
        #expect(SemVerVersionScheme.parse(input) == nil)
    }

    @Test("description keeps identifiers and build, drops prefix")
    func description() throws {
        let version = try #require(SemVerVersionScheme.parse("v1.2.3-rc.1+incompatible"))
        #expect(version.description == "1.2.3-rc.1+incompatible")
        #expect(version.preRelease == [.alphanumeric("rc"), .numeric("1")])
    }
}
