import PalisadeCore

/// The `junit` format: JUnit XML for CI test views (Jenkins, GitLab, Azure DevOps).
///
/// One `<testsuite>` per rule of the report, so CI lists "which checks failed"; inside it one
/// failing `<testcase>` per object the rule fired on (several findings of one rule on one
/// object are one failure listing them all), or a single passing test case when the rule found
/// nothing. `classname` is `palisade.RULE-ID`, which Jenkins shows as package `palisade`,
/// class `RULE-ID`. Inputs that could not be read are `<error>`s in a `palisade.inputs` suite.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: ScanReport) -> String {
        var suites: [Suite] = []
        let byRule = Dictionary(grouping: report.findings, by: \.ruleId)
        for rule in report.ruleDescriptors {
            suites.append(ruleSuite(rule, byRule[rule.id] ?? []))
        }
        if !report.errors.isEmpty {
            suites.append(
                Suite(
                    name: "input errors",
                    cases: report.errors.map { error in
                        TestCase(
                            name: error.file, classname: "palisade.inputs", file: error.file, line: error.line,
                            outcome: .error(message: error.reason, type: "InputError", details: error.description))
                    }))
        }
        if suites.isEmpty {
            suites.append(
                Suite(
                    name: "palisade",
                    cases: [
                        TestCase(name: "scan", classname: "palisade", file: nil, line: nil, outcome: .passed)
                    ]))
        }

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        xml += "<testsuites name=\"palisade \(attr(report.command))\" tests=\"\(tests)\" failures=\"\(failures)\""
        xml += " errors=\"\(errors)\" time=\"0\">\n"
        for suite in suites { suite.write(to: &xml) }
        xml += "</testsuites>\n"
        return xml
    }

    private func ruleSuite(_ rule: RuleMetadata, _ findings: [Finding]) -> Suite {
        let classname = "palisade.\(rule.id)"
        let name = "\(rule.id): \(rule.title)"
        if findings.isEmpty {
            return Suite(
                name: name,
                cases: [TestCase(name: "no findings", classname: classname, file: nil, line: nil, outcome: .passed)])
        }
        // Group by object (or by file for findings without an object), keeping first-seen order.
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        for f in findings {
            let key = f.object.map { "\(f.location.file)\u{0}\($0.displayName)" } ?? f.location.file
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(f)
        }
        let cases = order.map { key -> TestCase in
            let group = groups[key]!
            let first = group[0]
            let severity = group.map(\.severity).max() ?? first.severity
            var message = first.message
            if group.count > 1 { message += " (and \(ReportWording.plural(group.count - 1, "more finding")))" }
            let details = group.map(details).joined(separator: "\n\n")
            return TestCase(
                name: first.object?.displayName ?? (first.location.file == "-" ? "<stdin>" : first.location.file),
                classname: classname,
                file: first.location.file, line: first.location.line,
                outcome: .failure(message: message, type: severity.rawValue, details: details))
        }
        return Suite(name: name, cases: cases)
    }

    private func details(_ f: Finding) -> String {
        var lines = [
            "\(f.severity.rawValue) \(f.ruleId): \(f.title)",
            "Location: \(f.location.positionText)",
        ]
        if let object = f.object { lines.append("Object: \(object.displayName) (\(object.apiVersion))") }
        if !f.location.path.isEmpty { lines.append("Field: \(f.location.path)") }
        if let layer = f.location.layerText { lines.append("Layer: \(layer)") }
        if let evidence = f.evidence { lines.append("Match: \(evidence)") }
        lines.append("Message: \(f.message)")
        lines.append("Remediation: \(f.remediation)")
        return lines.joined(separator: "\n")
    }

    private func attr(_ s: String) -> String { TextEscaping.xmlAttribute(s) }
}

extension JUnitReporter {
    fileprivate struct Suite {
        let name: String
        let cases: [TestCase]

        var failures: Int { cases.count { if case .failure = $0.outcome { true } else { false } } }
        var errors: Int { cases.count { if case .error = $0.outcome { true } else { false } } }

        func write(to xml: inout String) {
            xml += "  <testsuite name=\"\(TextEscaping.xmlAttribute(name))\" tests=\"\(cases.count)\""
            xml += " failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"0\">\n"
            for testCase in cases { testCase.write(to: &xml) }
            xml += "  </testsuite>\n"
        }
    }

    fileprivate enum Outcome {
        case passed
        case failure(message: String, type: String, details: String)
        case error(message: String, type: String, details: String)
    }

    fileprivate struct TestCase {
        let name: String
        let classname: String
        let file: String?
        let line: Int?
        let outcome: Outcome

        func write(to xml: inout String) {
            xml += "    <testcase name=\"\(TextEscaping.xmlAttribute(name))\""
            xml += " classname=\"\(TextEscaping.xmlAttribute(classname))\""
            if let file { xml += " file=\"\(TextEscaping.xmlAttribute(file))\"" }
            if let line { xml += " line=\"\(line)\"" }
            xml += " time=\"0\""
            switch outcome {
            case .passed:
                xml += "/>\n"
            case .failure(let message, let type, let details), .error(let message, let type, let details):
                let element = if case .failure = outcome { "failure" } else { "error" }
                xml += ">\n      <\(element) message=\"\(TextEscaping.xmlAttribute(message))\""
                xml += " type=\"\(TextEscaping.xmlAttribute(type))\">"
                xml += TextEscaping.xmlText(details)
                xml += "</\(element)>\n    </testcase>\n"
            }
        }
    }
}
