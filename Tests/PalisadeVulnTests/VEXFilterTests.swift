import PalisadeVuln
import SeededRandom
import Testing

@Suite struct VEXFilterTests {
    static func filter(_ texts: String...) throws -> VEXFilter {
        VEXFilter(try texts.enumerated().map { i, text in try VEXSupport.parse(text, file: "vex\(i).json") })
    }

    @Test func subcomponentPurlSuppressesByAnyAlias() throws {
        let filter = try Self.filter(OpenVEXSamples.v020)
        for id in ["CVE-2023-38545", "ghsa-AAAA-bbbb-cccc"] {
            let decision = try #require(
                filter.decision(
                    vulnerabilityIDs: ["DEBIAN-X", id],
                    packagePurl: "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u4?arch=amd64&distro=debian-12"))
            #expect(decision.status == .notAffected)
            #expect(decision.justification == "vulnerable_code_not_in_execute_path")
            #expect(decision.source == "vex0.json statement 0")
        }
    }

    @Test func versionedStatementNeedsTheSameVersion() throws {
        let filter = try Self.filter(OpenVEXSamples.v020)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-38545"], packagePurl: "pkg:deb/debian/curl@7.88.1-10") == nil)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-38545"], packagePurl: "pkg:deb/ubuntu/curl@7.88.1-10+deb12u4")
                == nil)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-99999"], packagePurl: "pkg:deb/debian/curl@7.88.1-10+deb12u4")
                == nil)
    }

    @Test func versionlessStatementMatchesEveryVersion() throws {
        let filter = try Self.filter(OpenVEXSamples.v020)
        let decision = filter.decision(
            vulnerabilityIDs: ["GO-2023-2102", "CVE-2023-44487"], packagePurl: "pkg:golang/golang.org/x/net@v0.7.0")
        #expect(decision?.status == .fixed)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-44487"], packagePurl: "pkg:golang/golang.org/x/text@v0.7.0")
                == nil)
    }

    @Test func underInvestigationDoesNotSuppress() throws {
        let filter = try Self.filter(OpenVEXSamples.v020)
        #expect(filter.decision(vulnerabilityIDs: ["CVE-2024-0001"], packagePurl: "pkg:npm/lodash@4.17.20") == nil)
    }

    @Test func statementQualifiersMustMatch() throws {
        let filter = VEXFilter([try VEXSupport.parse(try VEXSupport.fixture("openvex-spec-minimal.json"))])
        #expect(
            filter.decision(
                vulnerabilityIDs: ["CVE-2023-12345"],
                packagePurl: "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64&distro=wolfi")?.status == .fixed)
        #expect(
            filter.decision(
                vulnerabilityIDs: ["CVE-2023-12345"], packagePurl: "pkg:apk/wolfi/git@2.39.0-r1?arch=aarch64") == nil)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-12345"], packagePurl: "pkg:apk/wolfi/git@2.39.0-r1") == nil)
    }

    @Test func cycloneDXBomLinkToPurl() throws {
        let filter = VEXFilter([try VEXSupport.parse(try VEXSupport.fixture("cyclonedx-bom-examples-vex.json"))])
        let hit = filter.decision(
            vulnerabilityIDs: ["GHSA-288c-cq4h-88gq", "CVE-2020-25649"],
            packagePurl: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar")
        #expect(hit?.status == .notAffected)
        #expect(hit?.justification == "code_not_reachable")
        #expect(
            filter.decision(
                vulnerabilityIDs: ["CVE-2020-25649"],
                packagePurl: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.1?type=jar") == nil)
    }

    @Test func laterStatementOverridesEarlier() throws {
        let earlier = """
            {"@context":"https://openvex.dev/ns/v0.2.0","timestamp":"2024-01-01T00:00:00Z","statements":[
              {"vulnerability":{"name":"CVE-2024-1"},"products":[{"@id":"pkg:pypi/requests"}],"status":"not_affected",
               "justification":"component_not_present"}]}
            """
        let later = """
            {"@context":"https://openvex.dev/ns/v0.2.0","timestamp":"2024-02-01T00:00:00Z","statements":[
              {"vulnerability":{"name":"CVE-2024-1"},"products":[{"@id":"pkg:pypi/requests"}],"status":"affected"}]}
            """
        let purl = "pkg:pypi/requests@2.31.0"
        #expect(try Self.filter(earlier).decision(vulnerabilityIDs: ["CVE-2024-1"], packagePurl: purl) != nil)
        #expect(try Self.filter(earlier, later).decision(vulnerabilityIDs: ["CVE-2024-1"], packagePurl: purl) == nil)
        // Timestamps decide, not the order the files were given in.
        #expect(try Self.filter(later, earlier).decision(vulnerabilityIDs: ["CVE-2024-1"], packagePurl: purl) == nil)
        // Within one document, a later statement wins.
        let sameDoc = """
            {"@context":"https://openvex.dev/ns/v0.2.0","statements":[
              {"vulnerability":{"name":"CVE-2024-1"},"products":[{"@id":"pkg:pypi/requests"}],"status":"affected"},
              {"vulnerability":{"name":"CVE-2024-1"},"products":[{"@id":"pkg:pypi/requests"}],"status":"fixed"}]}
            """
        let decision = try Self.filter(sameDoc).decision(vulnerabilityIDs: ["cve-2024-1"], packagePurl: purl)
        #expect(decision?.status == .fixed)
        #expect(decision?.statementIndex == 1)
    }

    @Test func emptyFilterDecidesNothing() {
        let filter = VEXFilter([])
        #expect(filter.isEmpty)
        #expect(
            filter.decision(vulnerabilityIDs: ["CVE-2023-12345"], packagePurl: "pkg:apk/wolfi/git@2.39.0-r1") == nil)
    }

    /// The spec's product struct can name the package in `identifiers.purl` instead of `@id`.
    @Test func productIdentifiersPurl() throws {
        let filter = try Self.filter(
            """
            {"@context":"https://openvex.dev/ns/v0.2.0","statements":[
              {"vulnerability":{"name":"CVE-2021-44228"},
               "products":[{"@id":"https://example.com/product/1",
                 "identifiers":{"purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.4"}}],
               "status":"not_affected","justification":"vulnerable_code_not_present"}]}
            """)
        let purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.4"
        #expect(filter.decision(vulnerabilityIDs: ["CVE-2021-44228"], packagePurl: purl)?.status == .notAffected)
        #expect(
            filter.decision(
                vulnerabilityIDs: ["CVE-2021-44228"], packagePurl: "pkg:maven/org.apache.logging.log4j/log4j-api@2.4")
                == nil)
    }

    /// Truncated or mutated VEX documents give a value or a VEXParseError, never a crash.
    @Test(arguments: ["openvex-spec-minimal.json", "cyclonedx-bom-examples-vex.json"])
    func mutationsNeverCrash(name: String) throws {
        let original = try VEXSupport.fixture(name)
        var rng = SplitMix64(seed: 0xBEEF)
        var failed = 0
        for round in 0..<120 {
            var bytes = original
            if round % 2 == 0 {
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            } else {
                for _ in 0..<4 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            do {
                _ = VEXFilter([try VEXSupport.parse(bytes)])
            } catch {
                failed += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(failed > 0)
    }
}
