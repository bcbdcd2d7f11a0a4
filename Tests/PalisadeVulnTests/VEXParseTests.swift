import PalisadeVuln
import Testing

@Suite struct VEXParseTests {
    /// The minimal document from the OpenVEX specification.
    @Test func openVEXSpecExample() throws {
        let doc = try VEXSupport.parse(try VEXSupport.fixture("openvex-spec-minimal.json"))
        #expect(doc.format == .openVEX)
        #expect(doc.statements.count == 1)
        let statement = try #require(doc.statements.first)
        #expect(statement.vulnerabilityIDs == ["CVE-2023-12345"])
        #expect(statement.status == .fixed)
        #expect(
            statement.products == ["pkg:apk/wolfi/git@2.39.0-r1?arch=armv7", "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"])
        #expect(statement.timestamp == "2023-01-08T18:02:03.647787998-06:00", "inherited from the document")
    }

    /// The README example of openvex/spec uses the older draft shape: plain strings.
    @Test func openVEXDraftStrings() throws {
        let doc = try VEXSupport.parse(try VEXSupport.fixture("openvex-readme-draft.json"))
        let statement = try #require(doc.statements.first)
        #expect(statement.vulnerabilityIDs == ["CVE-2014-123456"])
        #expect(statement.products.count == 2)
        #expect(statement.status == .fixed)
        let filter = VEXFilter([doc])
        #expect(
            filter.decision(
                vulnerabilityIDs: ["CVE-2014-123456"], packagePurl: "pkg:apk/distro/git@2.39.0-r1?arch=armv7")
                != nil)
    }

    /// CycloneDX/bom-examples VEX/vex.json: the affected component is a BOM-Link whose fragment is a purl.
    @Test func cycloneDXBomExamplesVEX() throws {
        let doc = try VEXSupport.parse(try VEXSupport.fixture("cyclonedx-bom-examples-vex.json"))
        #expect(doc.format == .cycloneDX)
        let statement = try #require(doc.statements.first)
        #expect(statement.vulnerabilityIDs == ["CVE-2020-25649", "SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302"])
        #expect(statement.status == .notAffected)
        #expect(statement.justification == "code_not_reachable")
        #expect(statement.products == ["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar"])
        #expect(statement.timestamp == "2021-10-26T00:00:00.000Z")
    }

    /// CISA use case 1: the ref names the BOM's own subject, which has no purl.
    @Test func cycloneDXCISACase1() throws {
        let doc = try VEXSupport.parse(try VEXSupport.fixture("cyclonedx-cisa-case1-not_affected.json"))
        let statement = try #require(doc.statements.first)
        #expect(statement.status == .notAffected)
        #expect(statement.justification == "code_not_present")
        #expect(statement.products == ["product-ABC"])
        #expect(statement.impact?.hasPrefix("This version of Product ABC") == true)
    }

    @Test func openVEXv020WithAliasesAndSubcomponents() throws {
        let doc = try VEXSupport.parse(OpenVEXSamples.v020)
        #expect(doc.statements.count == 3)
        let first = doc.statements[0]
        #expect(
            first.vulnerabilityIDs == [
                "CVE-2023-38545", "https://nvd.nist.gov/vuln/detail/CVE-2023-38545", "GHSA-aaaa-bbbb-cccc",
            ])
        #expect(first.products == ["pkg:oci/app@sha256%3Aabcd", "pkg:deb/debian/curl@7.88.1-10+deb12u4"])
        #expect(first.justification == "vulnerable_code_not_in_execute_path")
        #expect(first.impact == "curl is never called with SOCKS5")
        #expect(doc.statements[2].status == .underInvestigation)
    }

    @Test func cycloneDXStatesMap() throws {
        let states = [
            "not_affected", "false_positive", "resolved", "resolved_with_pedigree", "exploitable", "in_triage",
        ]
        let vulns = states.enumerated().map { i, s in
            "{\"id\":\"CVE-2024-000\(i)\",\"analysis\":{\"state\":\"\(s)\"},\"affects\":[{\"ref\":\"c\"}]}"
        }
        let doc = try VEXSupport.parse(
            """
            {"bomFormat":"CycloneDX","specVersion":"1.5",
             "components":[{"bom-ref":"c","name":"zlib","purl":"pkg:apk/alpine/zlib@1.3-r2"}],
             "vulnerabilities":[\(vulns.joined(separator: ","))]}
            """)
        #expect(
            doc.statements.map(\.status) == [
                .notAffected, .notAffected, .fixed, .fixed, .affected, .underInvestigation,
            ])
        #expect(doc.statements.allSatisfy { $0.products == ["pkg:apk/alpine/zlib@1.3-r2"] })
    }

    @Test(arguments: [
        ("nope", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ("{\"a\": 1}", "not a VEX document"),
        (
            "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"vulnerability\":{\"name\":\"CVE-1\"},\"status\":\"maybe\"}]}",
            "unknown status 'maybe'"
        ),
        (
            "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"status\":\"fixed\"}]}",
            "names no vulnerability"
        ),
        ("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":{}}", "'statements' must be an array"),
        (
            "{\"bomFormat\":\"CycloneDX\",\"vulnerabilities\":[{\"id\":\"CVE-1\",\"analysis\":{\"state\":\"meh\"}}]}",
            "unknown analysis.state"
        ),
    ])
    func badInput(text: String, expected: String) {
        do {
            _ = try VEXSupport.parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("vex.json"))
        }
    }
}

enum OpenVEXSamples {
    /// Written for these tests in the OpenVEX v0.2.0 shape (spec: github.com/openvex/spec).
    static let v020 = """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.com/vex/app-1",
          "author": "Example Security",
          "timestamp": "2024-01-10T10:00:00Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": {
                "name": "CVE-2023-38545",
                "@id": "https://nvd.nist.gov/vuln/detail/CVE-2023-38545",
                "aliases": ["GHSA-aaaa-bbbb-cccc"]
              },
              "products": [
                {"@id": "pkg:oci/app@sha256%3Aabcd",
                 "subcomponents": [{"@id": "pkg:deb/debian/curl@7.88.1-10+deb12u4"}]}
              ],
              "status": "not_affected",
              "justification": "vulnerable_code_not_in_execute_path",
              "impact_statement": "curl is never called with SOCKS5"
            },
            {
              "vulnerability": {"name": "CVE-2023-44487"},
              "products": [{"@id": "pkg:golang/golang.org/x/net"}],
              "status": "fixed"
            },
            {
              "vulnerability": {"name": "CVE-2024-0001"},
              "products": [{"@id": "pkg:npm/lodash"}],
              "status": "under_investigation"
            }
          ]
        }
        """
}
