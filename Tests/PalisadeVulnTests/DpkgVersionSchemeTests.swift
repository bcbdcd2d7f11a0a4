import Testing

@testable import PalisadeVuln

/// Reference data from dpkg's own test suite (GPL-2.0-or-later; only the data pairs are copied,
/// with attribution):
/// - scripts/t/Dpkg_Version.t `__DATA__` table,
///   https://git.dpkg.org/cgit/dpkg/dpkg.git/tree/scripts/t/Dpkg_Version.t (mirror: github.com/guillemj/dpkg)
/// - lib/dpkg/t/t-version.c `test_version_parse` / `test_version_compare`,
///   https://git.dpkg.org/cgit/dpkg/dpkg.git/tree/lib/dpkg/t/t-version.c
/// plus the examples of Debian Policy §5.6.12 (https://www.debian.org/doc/debian-policy/ch-controlfields.html).
struct DpkgVersionSchemeTests {
    static func cases(_ rows: [(String, String, Int)]) -> [Case] {
        rows.map { Case(a: $0.0, b: $0.1, expected: $0.2) }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let a: String
        let b: String
        let expected: Int
        var testDescription: String { "\(a) vs \(b) = \(expected)" }
    }

    /// scripts/t/Dpkg_Version.t `__DATA__`, in order. Its last row (`-0.6.5 0.9.1 -1`) is left out:
    /// dpkg's C `parseversion` rejects an empty upstream version, so here `-0.6.5` is invalid (see
    /// `invalidVersions`).
    static let dpkgDataTable: [Case] = cases([
        ("1.0-1", "2.0-2", -1), ("2.2~rc-4", "2.2-1", -1), ("2.2-1", "2.2~rc-4", 1), ("1.0000-1", "1.0-1", 0),
        ("1", "0:1", 0), ("0", "0:0-0", 0), ("2:2.5", "1:7.5", 1), ("1:0foo", "0foo", 1), ("0:0foo", "0foo", 0),
        ("0foo", "0foo", 0), ("0foo-", "0foo", 0), ("0foo-", "0foo-0", 0), ("0foo", "0fo", 1),
        ("0foo-", "0foo+", -1), ("0foo~1", "0foo", -1), ("0foo~foo+Bar", "0foo~foo+bar", -1),
        ("0foo~~", "0foo~", -1), ("1~", "1", -1),
        ("12345+that-really-is-some-ver-0", "12345+that-really-is-some-ver-10", -1), ("0foo-0", "0foo-01", -1),
        ("0foo.bar", "0foobar", 1), ("0foo.bar", "0foo1bar", 1), ("0foo.bar", "0foo0bar", 1),
        ("0foo1bar-1", "0foobar-1", -1), ("0foo2.0", "0foo2", 1), ("0foo2.0.0", "0foo2.10.0", -1),
        ("0foo2.0", "0foo2.0.0", -1), ("0foo2.0", "0foo2.10", -1), ("0foo2.1", "0foo2.10", -1), ("1.09", "1.9", 0),
        ("1.0.8+nmu1", "1.0.8", 1), ("3.11", "3.10+nmu1", 1), ("0.9j-20080306-4", "0.9i-20070324-2", 1),
        ("1.2.0~b7-1", "1.2.0~b6-1", 1), ("1.011-1", "1.06-2", 1), ("0.0.9+dfsg1-1", "0.0.8+dfsg1-3", 1),
        ("4.6.99+svn6582-1", "4.6.99+svn6496-1", 1), ("53", "52", 1), ("0.9.9~pre122-1", "0.9.9~pre111-1", 1),
        ("2:2.3.2-2+lenny2", "2:2.3.2-2", 1), ("1:3.8.1-1", "3.8.GA-1", 1), ("1.0.1+gpl-1", "1.0.1-2", 1),
        ("1a", "1000a", -1),
    ])

    /// lib/dpkg/t/t-version.c comparisons (written there as epoch/version/revision triples) and the
    /// Debian Policy examples.
    static let cSuiteAndPolicyTable: [Case] = cases([
        ("0:0-0", "0:0-0", 0), ("0:0-00", "0:00-0", 0), ("1:2-3", "1:2-3", 0), ("0:0-0", "1:0-0", -1),
        ("0:0-a", "0:0-b", -1), ("1-1", "2-1", -1), ("1-1", "1-2", -1),
        ("0", "0:0-", 0), ("0:0.0-0.0", "0.0-0.0", 0), ("0:0-0-0", "0-0-0", 0),
        ("0:0:0-0", "0:0:0-0", 0), ("0:09azAZ.-+~:-0", "0:09azAZ.-+~:-0", 0),
        ("1.0~rc1", "1.0", -1), ("1:0.1", "9.9", 1), ("1.0~~", "1.0~~a", -1), ("1.0~~a", "1.0~", -1),
        ("1.0~", "1.0", -1), ("1.0", "1.0a", -1), ("1.0a", "1.0+", -1),
    ])

    @Test(arguments: dpkgDataTable + cSuiteAndPolicyTable)
    func comparesLikeDpkg(_ row: Case) throws {
        let forward = try #require(DpkgVersionScheme.compare(row.a, row.b))
        let backward = try #require(DpkgVersionScheme.compare(row.b, row.a))
        #expect(forward.signum() == row.expected)
        #expect(backward.signum() == -row.expected)
    }

    /// t-version.c compares `DPKG_VERSION_OBJECT(0, "a", "0")` with `(0, "b", "0")`, objects built
    /// without parsing (`a` is not a valid upstream version), so this row goes to the comparator.
    @Test func comparesUnparsedObjectsLikeTheCSuite() {
        let a = DpkgVersionScheme.Version(epoch: 0, upstream: Array("a".utf8), revision: Array("0".utf8))
        let b = DpkgVersionScheme.Version(epoch: 0, upstream: Array("b".utf8), revision: Array("0".utf8))
        #expect(DpkgVersionComparison.compare(a, b) < 0)
        #expect(DpkgVersionComparison.compare(b, a) > 0)
        #expect(DpkgVersionScheme.parse("0:a-0") == nil)
    }

    /// Parse results from t-version.c: `[epoch:]upstream[-revision]` split exactly as dpkg splits it.
    struct Split: Sendable, CustomTestStringConvertible {
        let text: String
        let epoch: Int
        let upstream: String
        let revision: String
        var testDescription: String { text }
    }

    static let splits: [Split] = [(String, Int, String, String)]([
        ("0", 0, "0", ""), ("0:0", 0, "0", ""), ("0:0-", 0, "0", ""), ("0:0-0", 0, "0", "0"),
        ("0:0.0-0.0", 0, "0.0", "0.0"), ("1:0", 1, "0", ""), ("5:1", 5, "1", ""), ("0:0-0-0", 0, "0-0", "0"),
        ("0:0-0-0-0", 0, "0-0-0", "0"), ("0:0:0-0", 0, "0:0", "0"), ("0:0:0:0-0", 0, "0:0:0", "0"),
        ("0:0:0-0-0", 0, "0:0-0", "0"), ("0:0-0:0-0", 0, "0-0:0", "0"), ("0:09azAZ.-+~:-0", 0, "09azAZ.-+~:", "0"),
        ("0:0-azAZ09.+~", 0, "0", "azAZ09.+~"), ("  \t0:0-1", 0, "0", "1"), ("0:0-1\t  ", 0, "0", "1"),
        ("\t  0:0-1  \t", 0, "0", "1"),
    ]).map { Split(text: $0.0, epoch: $0.1, upstream: $0.2, revision: $0.3) }

    @Test(arguments: splits)
    func splitsLikeParseversion(_ row: Split) throws {
        let version = try #require(DpkgVersionScheme.parse(row.text))
        #expect(version.epoch == row.epoch)
        #expect(version.upstream == Array(row.upstream.utf8))
        #expect(version.revision == Array(row.revision.utf8))
    }

    static let invalidUpstreamBytes = Array("!#@$%&/|\\<>()[]{};,_=*^'").map { "0:0\($0)-0" }
    static let invalidRevisionBytes = Array("!#@$%&/|\\<>()[]{}:;,_=*^'").map { "0:0-\($0)" }

    /// t-version.c's rejected inputs, Dpkg_Version.t's invalid ones, and hostile extras.
    @Test(
        arguments: [
            "", "  ", "0:", "0:0 0-1", "-1:0-1", "999999999999999999999999:0-1", "a:0-0", "A:0-0", "-0", "0:-0",
            "0:abc3-0", "0:0-0:0", "10a:5.2", "5.2@3-2", "foo5.2", "0:foo5.2", "-0.6.5", "2147483648:1", ":1",
            "1.0\n", "1.0\u{00E9}", String(repeating: "1", count: 1025),
        ] + invalidUpstreamBytes + invalidRevisionBytes)
    func rejectsWhatDpkgRejects(_ text: String) {
        #expect(DpkgVersionScheme.parse(text) == nil)
        #expect(DpkgVersionScheme.compare(text, "1.0") == nil)
    }

    @Test func acceptsTheLargestEpochDpkgAccepts() throws {
        let version = try #require(DpkgVersionScheme.parse("2147483647:1"))
        #expect(version.epoch == Int(Int32.max))
        #expect(DpkgVersionScheme.name == "dpkg")
        #expect(version.description == "2147483647:1")
    }

    /// The ordering is a total order over every version in the tables: antisymmetric, consistent
    /// with equality, and transitive.
    @Test func isATotalOrderOverTheTableVersions() throws {
        let texts = Set((Self.dpkgDataTable + Self.cSuiteAndPolicyTable).flatMap { [$0.a, $0.b] })
        let versions = try texts.sorted().map { try #require(DpkgVersionScheme.parse($0)) }
        for x in versions {
            for y in versions {
                #expect((x < y) != (y < x) || x == y, "\(x) \(y)")
                #expect(!(x < y && x == y))
                for z in versions where x < y && y < z {
                    #expect(x < z, "\(x) < \(y) < \(z)")
                }
            }
        }
        let sorted = versions.sorted()
        for (lower, upper) in zip(sorted, sorted.dropFirst()) { #expect(lower <= upper) }
    }
}
