import SeededRandom
import Testing

@testable import PalisadeVuln

// Reference data copied from apache/maven maven-artifact/src/test/java/org/apache/maven/artifact/versioning/
// ComparableVersionTest.java (Apache License 2.0, https://github.com/apache/maven), Maven 3.6-era version:
// VERSIONS_QUALIFIER, VERSIONS_NUMBER, testVersionsEqual and testVersionComparing.
enum MavenReference {
    static let qualifierOrder = [
        "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
        "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot",
        "1-1", "1-2", "1-123",
    ]

    static let numberOrder = [
        "2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1",
        "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
    ]

    static let equal: [(String, String)] = [
        ("1", "1"), ("1", "1.0"), ("1", "1.0.0"), ("1.0", "1.0.0"), ("1", "1-0"), ("1", "1.0-0"), ("1.0", "1.0-0"),
        // The test's "1a" == "1.a", "1.0a" == "1.0.a", "1.0.0a" == "1.0.0.a" (and the same with x) belong to a
        // later ComparableVersion revision than the 3.6 parser implemented here, which reads "1.a" as [1, "a"]
        // but "1a" as [1, ["a"]]; they are left out (see MavenVersionScheme's doc comment).
        ("1a", "1-a"), ("1a", "1.0-a"), ("1a", "1.0.0-a"), ("1x", "1-x"), ("1x", "1.0-x"), ("1x", "1.0.0-x"),
        ("1ga", "1"), ("1final", "1"), ("1cr", "1rc"), ("1a1", "1alpha1"), ("1b2", "1beta2"), ("1m3", "1milestone3"),
        ("1X", "1x"), ("1A", "1a"), ("1B", "1b"), ("1M", "1m"), ("1Ga", "1"), ("1GA", "1"), ("1Final", "1"),
        ("1FinaL", "1"), ("1FINAL", "1"), ("1Cr", "1Rc"), ("1cR", "1rC"), ("1m3", "1Milestone3"),
        ("1m3", "1MileStone3"), ("1m3", "1MILESTONE3"),
        ("1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        // Not in Maven's table: `release` alias and leading zeros in numbers.
        ("1.0-release", "1"), ("1.007", "1.7"),
    ]

    static let ordered: [(String, String)] = [
        ("1", "2"), ("1.5", "2"), ("1", "2.5"), ("1.0", "1.1"), ("1.1", "1.2"), ("1.0.0", "1.1"), ("1.0.1", "1.1"),
        ("1.1", "1.2.0"), ("1.0-alpha-1", "1.0"), ("1.0-alpha-1", "1.0-alpha-2"), ("1.0-alpha-1", "1.0-beta-1"),
        ("1.0-beta-1", "1.0-SNAPSHOT"), ("1.0-SNAPSHOT", "1.0"), ("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
        ("1.0", "1.0-1"), ("1.0-1", "1.0-2"), ("1.0.0", "1.0-1"), ("2.0-1", "2.0.1"), ("2.0.1-klm", "2.0.1-lmn"),
        ("2.0.1", "2.0.1-xyz"), ("2.0.1", "2.0.1-123"), ("2.0.1-xyz", "2.0.1-123"),
        // Not in Maven's table: numbers beyond 64 bits compare by value.
        ("1.99999999999999999999", "1.100000000000000000000"),
    ]
}

@Suite("Maven versions")
struct MavenVersionSchemeTests {
    @Test("ComparableVersionTest orders: every earlier entry is below every later one")
    func referenceOrders() throws {
        for list in [MavenReference.qualifierOrder, MavenReference.numberOrder] {
            let parsed = try list.map { try #require(MavenVersionScheme.parse($0), "\($0)") }
            for low in 0..<parsed.count {
                for high in (low + 1)..<parsed.count {
                    #expect(parsed[low] < parsed[high], "\(list[low]) < \(list[high])")
                    #expect(!(parsed[high] < parsed[low]), "\(list[high]) !< \(list[low])")
                }
            }
        }
    }

    @Test("sorting a shuffled reference list restores it")
    func shuffledSortRestoresOrder() {
        var generator = SplitMix64(seed: 3)
        for list in [MavenReference.qualifierOrder, MavenReference.numberOrder] {
            for _ in 0..<20 {
                let sorted = list.shuffled(using: &generator).sorted { MavenVersionScheme.compare($0, $1) == -1 }
                #expect(sorted == list)
            }
        }
    }

    @Test("testVersionsEqual pairs", arguments: MavenReference.equal)
    func equal(a: String, b: String) {
        #expect(MavenVersionScheme.compare(a, b) == 0)
        #expect(MavenVersionScheme.compare(b, a) == 0)
    }

    @Test("testVersionComparing pairs", arguments: MavenReference.ordered)
    func ordered(lower: String, higher: String) {
        #expect(MavenVersionScheme.compare(lower, higher) == -1)
        #expect(MavenVersionScheme.compare(higher, lower) == 1)
    }

    @Test("empty or oversized text does not parse", arguments: ["", "   ", String(repeating: "1.", count: 200)])
    func invalid(input: String) {
        #expect(MavenVersionScheme.parse(input) == nil)
    }
}
