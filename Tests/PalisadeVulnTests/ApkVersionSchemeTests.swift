import Testing

@testable import PalisadeVuln

/// apk version ordering against apk-tools' own reference table (see `ApkVersionData`).
struct ApkVersionSchemeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let a: String
        let b: String
        let expected: Int
        var testDescription: String { "\(a) vs \(b) = \(expected)" }
    }

    static let table: [Case] = ApkVersionData.rows.map { row in
        let parts = row.split(separator: " ").map(String.init)
        let expected = parts[1] == "<" ? -1 : (parts[1] == "=" ? 0 : 1)
        return Case(a: parts[0], b: parts[2], expected: expected)
    }

    @Test func tableIsComplete() {
        #expect(Self.table.count == 727)
        #expect(ApkVersionData.rows.allSatisfy { $0.split(separator: " ").count == 3 })
    }

    @Test(arguments: table)
    func comparesLikeApkTools(_ row: Case) throws {
        #expect(try #require(ApkVersionScheme.compare(row.a, row.b)) == row.expected)
        #expect(try #require(ApkVersionScheme.compare(row.b, row.a)) == -row.expected)
    }

    /// Suffix ranks from apk-tools: `_alpha` < `_beta` < `_pre` < `_rc` < (none) < `_cvs` < `_svn`
    /// < `_git` < `_hg` < `_p`, then revisions.
    @Test func ordersEverySuffixAsApkDoes() throws {
        let ladder = [
            "1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre2", "1.0_rc1", "1.0", "1.0-r1", "1.0_cvs", "1.0_svn",
            "1.0_git", "1.0_hg", "1.0_p", "1.0_p1", "1.0_p1-r2", "1.0a", "1.0.0",
        ]
        let versions = try ladder.map { try #require(ApkVersionScheme.parse($0)) }
        for (lower, upper) in zip(versions, versions.dropFirst()) {
            #expect(lower < upper, "\(lower) < \(upper)")
        }
        #expect(ApkVersionScheme.compare("1.0_p18446744073709551616", "1.0_p18446744073709551615") == 1)
        #expect(ApkVersionScheme.compare("01.2", "1.2") == 0)
        #expect(ApkVersionScheme.name == "apk")
    }

    @Test(arguments: [
        "23_foo", "1.0bc", "", "a1.0", ".1", "1.", "1..2", "1.0-r", "1.0-1", "1.0_", "1.0_Alpha", "1.0A", "v1.0",
        "1.0 ", " 1.0", "1.0-r1-r2", "1.0_p1a", "1.0a1", "1.0~abc", String(repeating: "1", count: 1025),
    ])
    func rejectsWhatApkRejects(_ text: String) {
        #expect(ApkVersionScheme.parse(text) == nil)
        #expect(ApkVersionScheme.compare(text, "1.0") == nil)
    }

    /// The ordering is a strict weak order over every version in the table: after sorting, group
    /// equal neighbours into ranks; every pair must then compare exactly as its ranks do. That is
    /// antisymmetry, consistency with equality and transitivity in O(n²) instead of O(n³).
    @Test func isATotalOrderOverTheTableVersions() throws {
        let texts = Set(Self.table.flatMap { [$0.a, $0.b] })
        let sorted = try texts.sorted().map { try #require(ApkVersionScheme.parse($0)) }.sorted()
        var ranks = [0]
        for index in sorted.indices.dropFirst() {
            ranks.append(sorted[index - 1] < sorted[index] ? ranks[index - 1] + 1 : ranks[index - 1])
        }
        var mismatches: [String] = []
        for i in sorted.indices {
            for j in sorted.indices
            where (sorted[i] < sorted[j]) != (ranks[i] < ranks[j]) || (sorted[i] == sorted[j]) != (ranks[i] == ranks[j])
            {
                mismatches.append("\(sorted[i]) vs \(sorted[j])")
            }
        }
        #expect(sorted.count > 400)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
