import Foundation
import PalisadeCore
import Testing

@testable import PalisadeReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct JUnitReporterTests {
    /// Collects elements and attributes; fails on malformed XML.
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(String, [String: String])] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    private func parse(_ xml: String) throws -> Collector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "malformed XML: \(String(describing: parser.parserError))")
        return collector
    }

    @Test func structure() throws {
        let xml = JUnitReporter().render(SampleReport.report)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        let doc = try parse(xml)
        let root = try #require(doc.elements.first)
        #expect(root.0 == "testsuites")
        // 6 rules (one never fires) + input errors.
        let suites = doc.elements.filter { $0.0 == "testsuite" }
        #expect(suites.count == 7)
        let cases = doc.elements.filter { $0.0 == "testcase" }
        let failures = doc.elements.filter { $0.0 == "failure" }
        // Findings: web has privileged, runAsNonRoot, latest; worker runAsNonRoot + namespace; binding; stdin.
        #expect(failures.count == 7)
        #expect(doc.elements.filter { $0.0 == "error" }.count == 1)
        #expect(root.1["tests"] == String(cases.count))
        #expect(root.1["failures"] == "7")
        #expect(root.1["errors"] == "1")
        let hostPath = try #require(suites.first { $0.1["name"]?.hasPrefix("K8S-PSS-HOST-PATH") == true })
        #expect(hostPath.1["failures"] == "0")
        #expect(hostPath.1["tests"] == "1")
        let privileged = try #require(cases.first { $0.1["classname"] == "palisade.K8S-PSS-PRIVILEGED" })
        #expect(privileged.1["name"] == "Deployment/prod/web")
        #expect(privileged.1["file"] == "deploy/web.yaml")
        #expect(failures.contains { $0.1["type"] == "CRITICAL" })
    }

    @Test func oneTestCasePerObjectAndRule() throws {
        var report = SampleReport.report
        var second = report.findings.first { $0.ruleId == "K8S-PSS-PRIVILEGED" }!
        second.message = "container \"sidecar\" sets securityContext.privileged: true"
        second.location.path = "spec.template.spec.containers[1].securityContext.privileged"
        report.findings.append(second)
        let doc = try parse(JUnitReporter().render(report))
        let cases = doc.elements.filter { $0.0 == "testcase" && $0.1["classname"] == "palisade.K8S-PSS-PRIVILEGED" }
        #expect(cases.count == 1)
        let failure = try #require(
            doc.elements.first { $0.0 == "failure" && $0.1["message"]?.contains("and 1 more") == true })
        #expect(failure.1["type"] == "HIGH")
        #expect(doc.text.contains("containers[1].securityContext.privileged"))
    }

    @Test func escapesEverything() throws {
        var report = SampleReport.clean
        let nasty = "a<b & \"c\" 'd' >e\u{00}\u{1B}[31m\u{07}f\u{FFFE}"
        let object = ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "n<s>", name: "x&\"y\"")
        report.findings = [
            Finding(
                rule: SampleReport.privileged, message: nasty, object: object,
                location: Location(file: "dir/<file>&.yaml", line: 1, column: 1, path: "spec"))
        ]
        report.errors = [InputError(file: "q\"uote.yaml", reason: "bad ]]> <token>\u{0B}")]
        let xml = JUnitReporter().render(report)
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!xml.contains("\u{FFFE}"))
        let doc = try parse(xml)
        let failure = try #require(doc.elements.first { $0.0 == "failure" })
        #expect(failure.1["message"] == "a<b & \"c\" 'd' >e[31mf")
        let testcase = try #require(
            doc.elements.first { $0.0 == "testcase" && $0.1["classname"] == "palisade.K8S-PSS-PRIVILEGED" })
        #expect(testcase.1["name"] == "Pod/n<s>/x&\"y\"")
        #expect(testcase.1["file"] == "dir/<file>&.yaml")
        #expect(doc.text.contains("bad ]]> <token>"))
    }

    @Test func attributeEscapingKeepsNewlines() {
        #expect(TextEscaping.xmlAttribute("a\nb\tc\"d'") == "a&#10;b&#9;c&quot;d&apos;")
        #expect(TextEscaping.xmlText("<&>\"'\u{01}") == "&lt;&amp;&gt;\"'")
    }

    @Test func emptyReportStillHasATest() throws {
        var report = SampleReport.clean
        report.rules = []
        let doc = try parse(JUnitReporter().render(report))
        #expect(doc.elements.filter { $0.0 == "testcase" }.count == 1)
        #expect(doc.elements.filter { $0.0 == "failure" }.isEmpty)
    }
}
