import Foundation
import PalisadeSBOM
import SeededRandom
import Testing

@testable import PalisadeVuln

/// OSV records parse from real JSON and YAML advisories, and `affected` ranges evaluate exactly
/// as the OSV schema's evaluation rules say. Orders here are a plain dotted-number comparison
/// (the real schemes are tested on their own), so these tests pin the range logic alone.
@Suite struct OSVEvaluationTests {
    /// Dotted decimal order; nil for anything else (to exercise "not evaluated").
    static func dotted(_ a: String, _ b: String) -> Int? {
        func parts(_ s: String) -> [Int]? {
            let p = s.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
            return p.contains(nil) ? nil : p.map { $0! }
        }
        guard let x = parts(a), let y = parts(b) else { return nil }
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? x[i] : 0
            let r = i < y.count ? y[i] : 0
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }

    static func fixture(_ name: String) throws -> OSVRecord {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/osv/\(name)")
        let data = try Data(contentsOf: url)
        return try data.withUnsafeBytes { try OSVRecordParser.parse($0, file: name) }
    }

    static func verdict(_ version: String, _ affected: OSVAffected) -> AffectedVersionEvaluator.Verdict {
        AffectedVersionEvaluator.evaluate(
            version, against: affected, compareEcosystem: dotted, compareSemver: dotted, schemeName: "dotted")
    }

    @Test func realGoRecordParses() throws {
        let r = try Self.fixture("GO-2024-3228.json")
        #expect(r.id == "GO-2024-3228")
        #expect(r.aliases == ["GHSA-wcx9-ccpj-hx3c"])
        #expect(r.affected.count == 2)
        #expect(r.affected[1].name == "github.com/coder/coder/v2")
        #expect(r.affected[1].ranges.first?.kind == .semver)
        #expect(r.affected[1].ranges.first?.events.count == 6)
    }

    @Test(arguments: [
        ("2.3.0", false), ("2.3.1", true), ("2.14.3", true), ("2.14.4", false), ("2.15.0", true), ("2.15.2", true),
        ("2.15.3", false), ("2.16.0", true), ("2.16.1", false), ("3.0.0", false),
    ])
    func multipleIntroducedFixedPairs(version: String, affected: Bool) throws {
        let r = try Self.fixture("GO-2024-3228.json")
        let v = Self.verdict(version, r.affected[1])
        if affected {
            guard case .affected = v else {
                Issue.record("\(version): \(v)")
                return
            }
        } else {
            #expect(v == .notAffected, "\(version)")
        }
    }

    @Test func realPyPARecordParsesFromYAMLWithItsVersionsList() throws {
        let r = try Self.fixture("PYSEC-2020-342.yaml")
        #expect(r.id == "PYSEC-2020-342" && r.aliases == ["CVE-2020-13921"])
        #expect(r.severity.first?.type == "CVSS_V3")
        let a = try #require(r.affected.first)
        #expect(a.purl == "pkg:pypi/apache-skywalking")
        #expect(a.versions.contains("1.0.1"))
        // introduced 0 with no fix: every version, including ones not listed.
        if case .affected = Self.verdict("8.0.0", a) {} else { Issue.record("8.0.0 should be affected") }
    }

    static func affected(_ events: [OSVEvent], versions: [String] = [], kind: OSVRange.Kind = .ecosystem)
        -> OSVAffected
    {
        OSVAffected(ecosystem: "PyPI", name: "x", ranges: [OSVRange(kind: kind, events: events)], versions: versions)
    }

    @Test(arguments: [("1.4", true), ("1.5", true), ("1.5.1", false), ("1.0", true), ("0.9", false)])
    func lastAffectedIsInclusive(version: String, affected: Bool) {
        let a = Self.affected([.introduced("1.0"), .lastAffected("1.5")])
        #expect((Self.verdict(version, a) != .notAffected) == affected, "\(version)")
    }

    @Test(arguments: [("1.9", true), ("2.0", false), ("5.0", false)])
    func limitBoundsTheRange(version: String, affected: Bool) {
        let a = Self.affected([.introduced("0"), .limit("2.0")])
        #expect((Self.verdict(version, a) != .notAffected) == affected, "\(version)")
    }

    @Test func eventsAreEvaluatedInVersionOrderNotListOrder() {
        let a = Self.affected([.fixed("2.0"), .introduced("1.0"), .fixed("1.2"), .introduced("1.8")])
        #expect(Self.verdict("1.1", a) != .notAffected)
        #expect(Self.verdict("1.5", a) == .notAffected)
        #expect(Self.verdict("1.9", a) != .notAffected)
        #expect(Self.verdict("2.0", a) == .notAffected)
    }

    @Test func unparseableVersionsAreNotEvaluatedNeverNotAffected() {
        let a = Self.affected([.introduced("1.0"), .fixed("2.0")])
        guard case .notEvaluated = Self.verdict("1.x-weird", a) else {
            Issue.record("expected not evaluated")
            return
        }
        // A version listed explicitly still matches without any comparison.
        let listed = Self.affected([.introduced("1.0")], versions: ["1.x-weird"])
        if case .affected = Self.verdict("1.x-weird", listed) {} else { Issue.record("listed version") }
    }

    @Test func gitRangesOnlyMatchThroughVersions() {
        let a = Self.affected([.introduced("0"), .fixed("abc123")], kind: .git)
        #expect(Self.verdict("1.0", a) == .notAffected)
    }

    @Test func fixedVersionIsTheNearestFixAbove() {
        let a = Self.affected([.introduced("1.0"), .fixed("1.2"), .introduced("1.8"), .fixed("2.0")])
        #expect(AffectedVersionEvaluator.fixedVersion(for: "1.9", in: a, compare: Self.dotted) == "2.0")
        #expect(AffectedVersionEvaluator.fixedVersion(for: "1.1", in: a, compare: Self.dotted) == "1.2")
        #expect(AffectedVersionEvaluator.fixedVersion(for: "3.0", in: a, compare: Self.dotted) == nil)
    }

    @Test(arguments: [
        "{}", "{\"id\": \"X\"}", "[1,2]", "{\"id\":\"X\",\"modified\":\"t\",\"affected\":[{\"package\":{}}]}",
        "{\"id\":\"X\",\"modified\":\"t\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"a\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"bogus\":\"1\"}]}]}]}",
        "id: [unclosed",
    ])
    func malformedRecordsAreErrorsNotCrashes(text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: OSVRecordParser.ParseError.self) {
            try bytes.withUnsafeBytes { try OSVRecordParser.parse($0, file: "t") }
        }
    }
}

/// Installed packages map to the OSV ecosystem and name their advisories use.
@Suite struct OSVEcosystemMappingTests {
    static let debian = OSRelease(id: "debian", versionID: "12", codename: "bookworm")

    @Test func debianUsesTheMajorReleaseAndTheSourcePackage() throws {
        let p = Package(
            ecosystem: .deb, name: "libssl3", version: "3.0.11-1~deb12u2", purl: "", sourceName: "openssl",
            foundIn: "/var/lib/dpkg/status")
        let t = try #require(OSVEcosystemMapping.target(for: p, os: Self.debian))
        #expect(t.ecosystems == ["Debian:12"] && t.name == "openssl" && t.scheme == .dpkg)
        let binaryOnly = Package(ecosystem: .deb, name: "bash", version: "5.2", purl: "", foundIn: "/s")
        #expect(OSVEcosystemMapping.target(for: binaryOnly, os: Self.debian)?.name == "bash")
    }

    @Test func alpineAndUbuntuReleaseStrings() throws {
        let apk = Package(
            ecosystem: .apk, name: "libcrypto3", version: "3.1.4-r5", purl: "", sourceName: "openssl", foundIn: "/")
        let alpine = OSRelease(id: "alpine", versionID: "3.19.1")
        #expect(OSVEcosystemMapping.target(for: apk, os: alpine)?.ecosystems == ["Alpine:v3.19"])
        let deb = Package(ecosystem: .deb, name: "curl", version: "7.81.0-1", purl: "", foundIn: "/")
        let ubuntu = OSRelease(id: "ubuntu", versionID: "22.04")
        #expect(OSVEcosystemMapping.target(for: deb, os: ubuntu)?.ecosystems == ["Ubuntu:22.04:LTS", "Ubuntu:22.04"])
    }

    @Test func osPackagesWithoutAKnownReleaseAreNotEvaluated() {
        let deb = Package(ecosystem: .deb, name: "curl", version: "7", purl: "", foundIn: "/")
        #expect(OSVEcosystemMapping.target(for: deb, os: nil) == nil)
        #expect(OSVEcosystemMapping.target(for: deb, os: OSRelease(id: "gentoo", versionID: "2.14")) == nil)
    }

    @Test(arguments: [
        (PackageEcosystem.pypi, nil as String?, "requests", "PyPI", "requests", OSVEcosystemMapping.Scheme.pep440),
        (.npm, "@babel", "core", "npm", "@babel/core", .semver),
        (.maven, "org.apache.logging.log4j", "log4j-core", "Maven", "org.apache.logging.log4j:log4j-core", .maven),
        (.golang, "github.com/gorilla", "websocket", "Go", "github.com/gorilla/websocket", .semver),
        (.gem, nil, "rails", "RubyGems", "rails", .rubygems),
        (.cargo, nil, "tokio", "crates.io", "tokio", .semver),
        (.composer, "symfony", "http-kernel", "Packagist", "symfony/http-kernel", .semver),
        (.nuget, nil, "Newtonsoft.Json", "NuGet", "Newtonsoft.Json", .semver),
    ])
    func languageEcosystems(
        ecosystem: PackageEcosystem, namespace: String?, name: String, osv: String, osvName: String,
        scheme: OSVEcosystemMapping.Scheme
    ) throws {
        let p = Package(ecosystem: ecosystem, namespace: namespace, name: name, version: "1.0", purl: "", foundIn: "/")
        let t = try #require(OSVEcosystemMapping.target(for: p, os: nil))
        #expect(t.ecosystems == [osv] && t.name == osvName && t.scheme == scheme)
    }
}

/// Each mapped scheme reaches its real comparator: one telling pair per ecosystem.
@Suite struct VersionSchemesTests {
    @Test(arguments: [
        (OSVEcosystemMapping.Scheme.dpkg, "1.0~rc1", "1.0"), (.apk, "1.2.3_rc1-r0", "1.2.3-r0"),
        (.rpm, "1.0~rc1", "1.0"), (.pep440, "1.0.dev1", "1.0a1"), (.semver, "1.0.0-alpha", "1.0.0"),
        (.maven, "1.0-alpha-1", "1.0"), (.rubygems, "1.0.a", "1.0"),
    ])
    func prereleasesSortFirst(scheme: OSVEcosystemMapping.Scheme, lower: String, higher: String) {
        let compare = VersionSchemes.comparator(for: scheme)
        #expect(compare(lower, higher) == -1, "\(VersionSchemes.name(of: scheme))")
        #expect(compare(higher, lower) == 1)
    }

    @Test func realOrdersDriveTheRangeEvaluator() {
        // Debian's fixed version 3.0.11-1~deb12u2 is above 3.0.11-1~deb12u1 but below 3.0.11-1.
        let a = OSVAffected(
            ecosystem: "Debian:12", name: "openssl",
            ranges: [OSVRange(kind: .ecosystem, events: [.introduced("0"), .fixed("3.0.11-1~deb12u2")])])
        let dpkg = VersionSchemes.comparator(for: .dpkg)
        let semver = VersionSchemes.comparator(for: .semver)
        func verdict(_ v: String) -> AffectedVersionEvaluator.Verdict {
            AffectedVersionEvaluator.evaluate(
                v, against: a, compareEcosystem: dpkg, compareSemver: semver, schemeName: "dpkg")
        }
        if case .affected = verdict("3.0.11-1~deb12u1") {} else { Issue.record("u1 is affected") }
        #expect(verdict("3.0.11-1~deb12u2") == .notAffected)
        #expect(verdict("3.0.11-1") == .notAffected)
    }

    /// The parsed-version path (what the matcher runs) and the comparison-closure path decide
    /// identically, explanations included, whatever order a database lists the events in.
    @Test func parsedPathAgreesWithClosurePathForShuffledEvents() {
        var rng = SplitMix64(seed: 440)
        let pep440 = MemoizedVersionOrder<PEP440VersionScheme>()
        for _ in 0..<2_000 {
            var pool = Set<String>()
            while pool.count < 5 {
                pool.insert("\(Int.random(in: 0...3, using: &rng)).\(Int.random(in: 0...9, using: &rng))")
            }
            let versions = Array(pool)
            var events: [OSVEvent] = [.introduced(Bool.random(using: &rng) ? "0" : versions[0])]
            for v in versions.dropFirst() {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: events.append(.introduced(v))
                case 1: events.append(.fixed(v))
                case 2: events.append(.lastAffected(v))
                default: events.append(.limit(v))
                }
            }
            let installed = "\(Int.random(in: 0...3, using: &rng)).\(Int.random(in: 0...9, using: &rng))"
            let sorted = OSVEvaluationTests.affected(events)
            let shuffled = OSVEvaluationTests.affected(events.shuffled(using: &rng))
            let reference = AffectedVersionEvaluator.evaluate(
                installed, against: sorted, compareEcosystem: PEP440VersionScheme.compare,
                compareSemver: SemVerVersionScheme.compare, schemeName: "pep440")
            let parsed = AffectedVersionEvaluator.evaluate(
                installed, against: shuffled, ecosystemOrder: pep440,
                semverOrder: MemoizedVersionOrder<SemVerVersionScheme>(), schemeName: "pep440")
            #expect(parsed == reference, "\(installed) \(events)")
        }
    }
}
