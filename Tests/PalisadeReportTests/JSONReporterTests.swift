import Foundation
import PalisadeCore
import PalisadeReport
import Testing

@Suite struct JSONReporterTests {
    private func parse(_ report: ScanReport) throws -> [String: Any] {
        let text = JSONReporter().render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func topLevelKeysInDocumentedOrder() {
        let text = JSONReporter().render(SampleReport.report)
        let keys = [
            "schemaVersion", "tool", "command", "targets", "findings", "summary", "workloads", "errors", "notes",
        ]
        let positions = keys.map { text.range(of: "\n  \"\($0)\": ")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
        #expect(text.hasPrefix("{\n  \"schemaVersion\": \"1.2.0\",\n"))
    }

    @Test func summaryCountsAndShape() throws {
        let json = try parse(SampleReport.report)
        #expect(json["tool"] as? [String: String] == ["name": "palisade", "version": "0.1.0"])
        #expect(json["command"] as? String == "k8s")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(
            Set(summary.keys)
                == [
                    "total", "critical", "high", "medium", "low", "info", "objects", "files", "suppressed", "errors",
                    "podSecurity",
                ])
        #expect(summary["total"] as? Int == 7)
        #expect(summary["critical"] as? Int == 1)
        #expect(summary["high"] as? Int == 1)
        #expect(summary["medium"] as? Int == 2)
        #expect(summary["low"] as? Int == 2)
        #expect(summary["info"] as? Int == 1)
        #expect(summary["suppressed"] as? Int == 2)
        #expect(summary["podSecurity"] as? [String: Int] == ["restricted": 2, "baseline": 1, "privileged": 1])
    }

    @Test func findingShape() throws {
        let json = try parse(SampleReport.report)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 7)
        for f in findings {
            #expect(
                Set(f.keys)
                    == ["ruleId", "severity", "title", "message", "object", "location", "remediation", "frameworks"])
            let frameworks = try #require(f["frameworks"] as? [String: Any])
            #expect(Set(frameworks.keys) == ["pss", "cis", "nsa", "mitre", "nist"])
            let location = try #require(f["location"] as? [String: Any])
            #expect(Set(location.keys) == ["file", "line", "column", "path"])
        }
        let privileged = try #require(findings.first { $0["ruleId"] as? String == "K8S-PSS-PRIVILEGED" })
        #expect(privileged["severity"] as? String == "HIGH")
        let pss = try #require((privileged["frameworks"] as? [String: Any])?["pss"] as? [String: String])
        #expect(pss == ["level": "baseline", "control": "Privileged Containers"])
        let location = try #require(privileged["location"] as? [String: Any])
        #expect(location["file"] as? String == "deploy/web.yaml")
        #expect(location["line"] as? Int == 21)
        #expect(location["column"] as? Int == 25)
        #expect(location["path"] as? String == "spec.template.spec.containers[0].securityContext.privileged")
        let object = try #require(privileged["object"] as? [String: Any])
        #expect(object["namespace"] as? String == "prod")

        // Not a Pod Security control: pss is present and null.
        let admin = try #require(findings.first { $0["ruleId"] as? String == "K8S-RBAC-CLUSTER-ADMIN" })
        let adminFrameworks = try #require(admin["frameworks"] as? [String: Any])
        #expect(adminFrameworks["pss"] is NSNull)
        #expect(adminFrameworks["mitre"] as? [String] == ["T1078"])
        // Cluster-scoped object: namespace is present and null.
        let adminObject = try #require(admin["object"] as? [String: Any])
        #expect(Set(adminObject.keys) == ["apiVersion", "kind", "namespace", "name"])
        #expect(adminObject["namespace"] is NSNull)
        // No object at all (stdin finding): object is null, file stays "-".
        let stdin = try #require(findings.first { ($0["location"] as? [String: Any])?["file"] as? String == "-" })
        #expect(stdin["object"] is NSNull)
    }

    @Test func workloadsErrorsNotes() throws {
        let json = try parse(SampleReport.report)
        let workloads = try #require(json["workloads"] as? [[String: Any]])
        #expect(workloads.count == 4)
        #expect(Set(workloads[0].keys) == ["object", "file", "line", "podSecurityLevel"])
        #expect(workloads[0]["podSecurityLevel"] as? String == "privileged")
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(Set(errors[0].keys) == ["file", "line", "column", "message"])
        #expect(errors[0]["line"] as? Int == 7)
        #expect((json["notes"] as? [String])?.count == 1)
    }

    @Test func errorWithoutPositionHasNullLineAndColumn() throws {
        var report = SampleReport.clean
        report.errors = [InputError(file: "missing.yaml", reason: "no such file")]
        let errors = try #require(try parse(report)["errors"] as? [[String: Any]])
        #expect(errors[0]["line"] is NSNull)
        #expect(errors[0]["column"] is NSNull)
    }

    @Test func stringsAreEscapedAndSlashesAreNot() throws {
        var report = SampleReport.clean
        report.notes = ["quote \" backslash \\ newline \n tab \t bell \u{07} path a/b"]
        let text = JSONReporter().render(report)
        #expect(text.contains(#""quote \" backslash \\ newline \n tab \t bell \u0007 path a/b""#))
        let notes = try #require(try parse(report)["notes"] as? [String])
        #expect(notes == report.notes)
    }

    @Test func emptyReportIsValidJSON() throws {
        let json = try parse(SampleReport.clean)
        #expect((json["findings"] as? [Any])?.isEmpty == true)
        #expect((json["summary"] as? [String: Any])?["total"] as? Int == 0)
    }

    @Test(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.inCI))
    func validatesAgainstDocumentedSchema() throws {
        try #require(SchemaValidator.isAvailable, "python3 with jsonschema is required in CI (scripts/setup)")
        for report in [SampleReport.report, SampleReport.clean] {
            let errors = try SchemaValidator.validate(JSONReporter().render(report), schema: FixturePaths.reportSchema)
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.inCI))
    func documentedExampleIsValid() throws {
        try #require(SchemaValidator.isAvailable, "python3 with jsonschema is required in CI (scripts/setup)")
        let doc = try String(
            contentsOf: FixturePaths.repositoryRoot.appendingPathComponent("docs/json-schema.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```json\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let example = String(doc[start.upperBound..<end.lowerBound])
        let errors = try SchemaValidator.validate(example, schema: FixturePaths.reportSchema)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test(.enabled(if: SchemaValidator.isAvailable || SchemaValidator.inCI))
    func schemaRejectsWrongShape() throws {
        try #require(SchemaValidator.isAvailable, "python3 with jsonschema is required in CI (scripts/setup)")
        let broken = JSONReporter().render(SampleReport.report).replacingOccurrences(
            of: "\"severity\": \"HIGH\"", with: "\"severity\": \"SEVERE\"")
        let errors = try SchemaValidator.validate(broken, schema: FixturePaths.reportSchema)
        #expect(!errors.isEmpty)
    }
}
