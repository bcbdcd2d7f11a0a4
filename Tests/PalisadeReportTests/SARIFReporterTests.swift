import Foundation
import PalisadeCore
import Testing

@testable import PalisadeReport

@Suite struct SARIFReporterTests {
    private func parse(_ report: ScanReport) throws -> [String: Any] {
        let text = SARIFReporter().render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ report: ScanReport) throws -> [String: Any] {
        let json = try parse(report)
        #expect(json["version"] as? String == "2.1.0")
        #expect((json["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return runs[0]
    }

    @Test func driverAndRules() throws {
        let run = try run(SampleReport.report)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "palisade")
        #expect(driver["version"] as? String == "0.1.0")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == SampleReport.report.rules.map(\.id))
        let privileged = try #require(rules.first { $0["id"] as? String == "K8S-PSS-PRIVILEGED" })
        #expect(privileged["name"] as? String == "ContainerRunsPrivileged")
        #expect((privileged["shortDescription"] as? [String: String])?["text"] == "Container runs privileged")
        #expect((privileged["fullDescription"] as? [String: String])?["text"] == SampleReport.privileged.why)
        let help = try #require(privileged["help"] as? [String: String])
        #expect(help["text"]?.contains(SampleReport.privileged.remediation) == true)
        #expect(help["markdown"]?.contains(SampleReport.privileged.remediation) == true)
        #expect(privileged["helpUri"] as? String == SampleReport.privileged.references[0])
        #expect((privileged["defaultConfiguration"] as? [String: String])?["level"] == "error")
        let properties = try #require(privileged["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "8.0")
        let tags = try #require(properties["tags"] as? [String])
        #expect(tags.contains("security") && tags.contains("Pod Security Standards") && tags.contains("pss-baseline"))
        #expect(tags.contains("cis-5.2.2") && tags.contains("mitre-T1611"))
        // A rule without references has no helpUri.
        let admin = try #require(rules.first { $0["id"] as? String == "K8S-RBAC-CLUSTER-ADMIN" })
        #expect(admin["helpUri"] == nil)
    }

    @Test(arguments: [
        (Severity.critical, "error", "9.5"), (.high, "error", "8.0"), (.medium, "warning", "5.5"),
        (.low, "note", "3.0"), (.info, "note", "0.0"),
    ])
    func severityMapping(severity: Severity, level: String, score: String) {
        #expect(severity.sarifLevel == level)
        #expect(severity.securitySeverityScore == score)
    }

    @Test func resultsPointAtTheirRules() throws {
        let run = try run(SampleReport.report)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == SampleReport.report.findings.count)
        for (result, finding) in zip(results, SampleReport.report.findings) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(result["ruleId"] as? String == finding.ruleId)
            #expect(result["level"] as? String == finding.severity.sarifLevel)
            #expect((result["message"] as? [String: String])?["text"] == finding.message)
        }
    }

    @Test func ruleMissingFromMetadataGetsADescriptor() throws {
        var report = SampleReport.report
        report.rules = [SampleReport.privileged]
        let run = try run(report)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids) == Set(report.findings.map(\.ruleId)))
        #expect(ids.count == Set(ids).count)
        for result in try #require(run["results"] as? [[String: Any]]) {
            #expect(rules[result["ruleIndex"] as! Int]["id"] as? String == result["ruleId"] as? String)
        }
    }

    @Test func locations() throws {
        let results = try #require(try run(SampleReport.report)["results"] as? [[String: Any]])
        func location(_ r: [String: Any]) -> [String: Any] { (r["locations"] as! [[String: Any]])[0] }
        func uri(_ r: [String: Any]) -> String? {
            ((location(r)["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"]
                as? String
        }
        let privileged = try #require(results.first { $0["ruleId"] as? String == "K8S-PSS-PRIVILEGED" })
        let physical = try #require(location(privileged)["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? [String: Int] == ["startLine": 21, "startColumn": 25])
        #expect(uri(privileged) == "deploy/web.yaml")
        let logical = try #require(location(privileged)["logicalLocations"] as? [[String: Any]])
        #expect(logical[0]["fullyQualifiedName"] as? String == "Deployment/prod/web")
        #expect(
            logical[1]["fullyQualifiedName"] as? String
                == "Deployment/prod/web#spec.template.spec.containers[0].securityContext.privileged")

        #expect(results.contains { uri($0) == "deploy/jobs%20dir/worker.yaml" })
        #expect(results.contains { uri($0) == "stdin" })
    }

    @Test func fileURIEscaping() {
        #expect(TextEscaping.fileURI("-") == "stdin")
        #expect(TextEscaping.fileURI("a b/c#d?.yaml") == "a%20b/c%23d%3F.yaml")
        #expect(TextEscaping.fileURI("/abs/x.yaml") == "file:///abs/x.yaml")
        #expect(TextEscaping.fileURI("ü.yaml") == "%C3%BC.yaml")
        #expect(TextEscaping.fileURI("c:x.yaml") == "c%3Ax.yaml")
    }

    @Test func fingerprintsIgnoreLinesButNotObjectsOrPaths() {
        let base = SampleReport.report.findings.first { $0.ruleId == "K8S-PSS-PRIVILEGED" }!
        var moved = base
        moved.location.line += 40
        moved.location.column += 2
        #expect(SARIFReporter.fingerprint(base) == SARIFReporter.fingerprint(moved))
        var otherPath = base
        otherPath.location.path += "x"
        #expect(SARIFReporter.fingerprint(base) != SARIFReporter.fingerprint(otherPath))
        var otherObject = base
        otherObject.object?.name += "2"
        #expect(SARIFReporter.fingerprint(base) != SARIFReporter.fingerprint(otherObject))
        var otherRule = base
        otherRule.ruleId += "-X"
        #expect(SARIFReporter.fingerprint(base) != SARIFReporter.fingerprint(otherRule))
        // Pinned values: if these change, GitHub would reopen every alert, so changing the recipe
        // must come with a new SARIFReporter.fingerprintKey.
        #expect(SARIFReporter.fingerprint(base) == "838daa3e0cb74d0b")
        #expect(StableHash.hex([""]) == "cbf29ce484222325")  // FNV-1a 64 offset basis
        #expect(StableHash.hex(["a"]) == "af63dc4c8601ec8c")  // published FNV-1a 64 test vector
        #expect(StableHash.hex(["ab", ""]) != StableHash.hex(["a", "b"]))
    }

    @Test func errorsAndNotesBecomeNotifications() throws {
        let run = try run(SampleReport.report)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.map { $0["level"] as? String } == ["error", "note"])
        let clean = try self.run(SampleReport.clean)
        #expect((clean["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool == true)
        #expect((clean["results"] as? [Any])?.isEmpty == true)
    }

    @Test(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.inCI))
    func validatesAgainstSARIFSchema() throws {
        try #require(SchemaValidator.isAvailable, "python3 with jsonschema is required in CI (scripts/setup)")
        var stripped = SampleReport.report
        stripped.rules = []
        for report in [SampleReport.report, SampleReport.clean, stripped] {
            let errors = try SchemaValidator.validate(SARIFReporter().render(report), schema: FixturePaths.sarifSchema)
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.inCI))
    func schemaCheckIsNotVacuous() throws {
        try #require(SchemaValidator.isAvailable, "python3 with jsonschema is required in CI (scripts/setup)")
        let broken = SARIFReporter().render(SampleReport.report).replacingOccurrences(
            of: "\"level\": \"warning\"", with: "\"level\": \"severe\"")
        #expect(!(try SchemaValidator.validate(broken, schema: FixturePaths.sarifSchema)).isEmpty)
    }
}
