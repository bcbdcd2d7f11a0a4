import Testing

@testable import PalisadeVuln

/// Reference data: rpm's tests/rpmvercmp.at, every active `RPMVERCMP(a, b, result)` row in order
/// (rpm, GPL-2.0-or-later; only the data triples are copied, with attribution),
/// https://github.com/rpm-software-management/rpm/blob/master/tests/rpmvercmp.at
/// The commented-out "oddities" rows there document behaviour rpm itself calls buggy and are not copied.
struct RpmVersionSchemeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let a: String
        let b: String
        let expected: Int
        var testDescription: String { "rpmvercmp(\(a), \(b)) = \(expected)" }
    }

    static func cases(_ rows: [(String, String, Int)]) -> [Case] {
        rows.map { Case(a: $0.0, b: $0.1, expected: $0.2) }
    }

    static let rpmvercmpTable: [Case] = cases([
        ("1.0", "1.0", 0), ("1.0", "2.0", -1), ("2.0", "1.0", 1),
        ("2.0.1", "2.0.1", 0), ("2.0", "2.0.1", -1), ("2.0.1", "2.0", 1),
        ("2.0.1a", "2.0.1a", 0), ("2.0.1a", "2.0.1", 1), ("2.0.1", "2.0.1a", -1),
        ("5.5p1", "5.5p1", 0), ("5.5p1", "5.5p2", -1), ("5.5p2", "5.5p1", 1),
        ("5.5p10", "5.5p10", 0), ("5.5p1", "5.5p10", -1), ("5.5p10", "5.5p1", 1),
        ("10xyz", "10.1xyz", -1), ("10.1xyz", "10xyz", 1),
        ("xyz10", "xyz10", 0), ("xyz10", "xyz10.1", -1), ("xyz10.1", "xyz10", 1),
        ("xyz.4", "xyz.4", 0), ("xyz.4", "8", -1), ("8", "xyz.4", 1), ("xyz.4", "2", -1), ("2", "xyz.4", 1),
        ("5.5p2", "5.6p1", -1), ("5.6p1", "5.5p2", 1),
        ("5.6p1", "6.5p1", -1), ("6.5p1", "5.6p1", 1),
        ("6.0.rc1", "6.0", 1), ("6.0", "6.0.rc1", -1),
        ("10b2", "10a1", 1), ("10a2", "10b2", -1),
        ("1.0aa", "1.0aa", 0), ("1.0a", "1.0aa", -1), ("1.0aa", "1.0a", 1),
        ("10.0001", "10.0001", 0), ("10.0001", "10.1", 0), ("10.1", "10.0001", 0), ("10.0001", "10.0039", -1),
        ("10.0039", "10.0001", 1),
        ("4.999.9", "5.0", -1), ("5.0", "4.999.9", 1),
        ("20101121", "20101121", 0), ("20101121", "20101122", -1), ("20101122", "20101121", 1),
        ("2_0", "2_0", 0), ("2.0", "2_0", 0), ("2_0", "2.0", 0),
        ("a", "a", 0), ("a+", "a+", 0), ("a+", "a_", 0), ("a_", "a+", 0), ("+a", "+a", 0), ("+a", "_a", 0),
        ("_a", "+a", 0), ("+_", "+_", 0), ("_+", "+_", 0), ("_+", "_+", 0), ("+", "_", 0), ("_", "+", 0),
        ("1.0~rc1", "1.0~rc1", 0), ("1.0~rc1", "1.0", -1), ("1.0", "1.0~rc1", 1), ("1.0~rc1", "1.0~rc2", -1),
        ("1.0~rc2", "1.0~rc1", 1), ("1.0~rc1~git123", "1.0~rc1~git123", 0), ("1.0~rc1~git123", "1.0~rc1", -1),
        ("1.0~rc1", "1.0~rc1~git123", 1),
        ("1.0^", "1.0^", 0), ("1.0^", "1.0", 1), ("1.0", "1.0^", -1), ("1.0^git1", "1.0^git1", 0),
        ("1.0^git1", "1.0", 1), ("1.0", "1.0^git1", -1), ("1.0^git1", "1.0^git2", -1), ("1.0^git2", "1.0^git1", 1),
        ("1.0^git1", "1.01", -1), ("1.01", "1.0^git1", 1), ("1.0^20160101", "1.0^20160101", 0),
        ("1.0^20160101", "1.0.1", -1), ("1.0.1", "1.0^20160101", 1), ("1.0^20160101^git1", "1.0^20160101^git1", 0),
        ("1.0^20160102", "1.0^20160101^git1", 1), ("1.0^20160101^git1", "1.0^20160102", -1),
        ("1.0~rc1^git1", "1.0~rc1^git1", 0), ("1.0~rc1^git1", "1.0~rc1", 1), ("1.0~rc1", "1.0~rc1^git1", -1),
        ("1.0^git1~pre", "1.0^git1~pre", 0), ("1.0^git1", "1.0^git1~pre", 1), ("1.0^git1~pre", "1.0^git1", -1),
    ])

    /// The table is about `rpmvercmp` on one field; run it on the bare comparator and on whole
    /// versions (where each string is a release-less version).
    @Test(arguments: rpmvercmpTable)
    func comparesLikeRpmvercmp(_ row: Case) throws {
        #expect(RpmVersionComparison.rpmvercmp(Array(row.a.utf8), Array(row.b.utf8)) == row.expected)
        #expect(try #require(RpmVersionScheme.compare(row.a, row.b)) == row.expected)
    }

    /// Epoch, version, release: the epoch outranks everything, a missing epoch is 0, and the
    /// release decides only when versions are equal.
    @Test(
        arguments: cases([
            ("1:1.0-1", "2.0-1", 1), ("0:1.0-1", "1.0-1", 0), (":1.0-1", "1.0-1", 0), ("1.0-1", "1.0-2", -1),
            ("1.0-10.el8", "1.0-9.el8", 1), ("2.0-1", "1.0-9", 1), ("1.0-1.el8~beta", "1.0-1.el8", -1),
            ("1.0", "1.0-1", -1), ("3:0.1-1", "2:99-99", 1), ("1.2.3-4.fc39", "1.2.3-4.fc39", 0),
            ("7.61.1-22.el8_6.3", "7.61.1-22.el8", 1), ("1.0-1-2", "1.0-2", 1),
        ]))
    func comparesEpochVersionRelease(_ row: Case) throws {
        #expect(try #require(RpmVersionScheme.compare(row.a, row.b)) == row.expected)
        #expect(try #require(RpmVersionScheme.compare(row.b, row.a)) == -row.expected)
    }

    @Test func splitsEpochVersionRelease() throws {
        let full = try #require(RpmVersionScheme.parse("2:1.0-1-3.el9"))
        #expect(full.epoch == 2)
        #expect(full.version == Array("1.0-1".utf8))
        #expect(full.release == Array("3.el9".utf8))
        #expect(full.description == "2:1.0-1-3.el9")
        let bare = try #require(RpmVersionScheme.parse("1.0"))
        #expect(bare.epoch == 0)
        #expect(bare.release == nil)
        // A colon after non-digits is part of the version, as in rpm.
        let odd = try #require(RpmVersionScheme.parse("a:1"))
        #expect(odd.epoch == 0)
        #expect(odd.version == Array("a:1".utf8))
        #expect(RpmVersionScheme.name == "rpm")
    }

    /// rpm's dependency comparison treats a missing release as "any release"; the total order does not.
    @Test func dependencyComparisonIgnoresAMissingRelease() throws {
        let bare = try #require(RpmVersionScheme.parse("1.0"))
        let built = try #require(RpmVersionScheme.parse("1.0-5"))
        let older = try #require(RpmVersionScheme.parse("0.9-7"))
        #expect(RpmVersionScheme.compareLikeRpmDependency(bare, built) == 0)
        #expect(RpmVersionScheme.compareLikeRpmDependency(built, bare) == 0)
        #expect(RpmVersionScheme.compareLikeRpmDependency(older, bare) == -1)
        #expect(bare < built)
    }

    @Test(arguments: [
        "", "1.0-", "-1", "1:", "1:-1", "1.0 beta", "1.0\t", "1.0\n", "\u{7F}",
        "18446744073709551616:1.0", String(repeating: "9", count: 1025),
    ])
    func rejectsInvalidInput(_ text: String) {
        #expect(RpmVersionScheme.parse(text) == nil)
        #expect(RpmVersionScheme.compare("1.0", text) == nil)
    }

    @Test func acceptsTheLargestEpoch() throws {
        #expect(try #require(RpmVersionScheme.parse("18446744073709551615:1.0")).epoch == UInt64.max)
    }

    /// Antisymmetry, consistency with equality and transitivity over every version in the table
    /// (rpm's ordering is a total preorder: `2.0` and `2_0` are equal).
    @Test func isATotalOrderOverTheTableVersions() throws {
        let texts = Set(Self.rpmvercmpTable.flatMap { [$0.a, $0.b] })
        let versions = try texts.sorted().map { try #require(RpmVersionScheme.parse($0)) }
        for x in versions {
            for y in versions {
                #expect((x < y) != (y < x) || x == y, "\(x) \(y)")
                #expect(!(x < y && x == y))
                for z in versions where x < y && y < z {
                    #expect(x < z, "\(x) < \(y) < \(z)")
                }
                for z in versions where x == y && y == z {
                    #expect(x == z)
                }
            }
        }
    }
}
