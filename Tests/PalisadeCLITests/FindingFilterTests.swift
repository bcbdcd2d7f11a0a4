import PalisadeCore
import Testing

@Suite("FindingFilter")
struct FindingFilterTests {
    static func finding(
        _ rule: String, _ severity: Severity = .high, kind: String = "Deployment", namespace: String? = "prod",
        name: String = "web", file: String = "deploy/web.yaml"
    ) -> Finding {
        Finding(
            ruleId: rule, severity: severity, title: "t", message: "m",
            object: ObjectReference(apiVersion: "apps/v1", kind: kind, namespace: namespace, name: name),
            location: Location(file: file, line: 1, column: 1, path: "spec"), remediation: "r",
            frameworks: FrameworkMappings())
    }

    static let today = CalendarDate(year: 2026, month: 6, day: 15)

    @Test("severity set keeps only listed severities")
    func severities() {
        let findings = [Self.finding("A", .low), Self.finding("B", .high), Self.finding("C", .critical)]
        let result = FindingFilter(severities: [.high, .critical], today: Self.today).apply(findings)
        #expect(result.findings.map(\.ruleId) == ["B", "C"])
        #expect(result.suppressed == 0)
        #expect(FindingFilter(today: Self.today).apply(findings).findings.count == 3)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var entry: IgnoreEntry
        var finding: Finding
        var ignored: Bool
        var testDescription: String {
            "\(entry.rule) \(entry.object.map { "\($0)" } ?? "-") \(entry.path ?? "-") -> \(ignored)"
        }
    }

    typealias O = IgnoreEntry.ObjectPattern

    @Test(
        "ignore entries match rule, object and path",
        arguments: [
            Case(entry: IgnoreEntry(rule: "K8S-X", reason: "r"), finding: finding("K8S-X"), ignored: true),
            Case(entry: IgnoreEntry(rule: "k8s-x", reason: "r"), finding: finding("K8S-X"), ignored: true),
            Case(entry: IgnoreEntry(rule: "K8S-X", reason: "r"), finding: finding("K8S-XY"), ignored: false),
            Case(entry: IgnoreEntry(rule: "K8S-*", reason: "r"), finding: finding("K8S-XY"), ignored: true),
            Case(entry: IgnoreEntry(rule: "K8S-RBAC-*", reason: "r"), finding: finding("K8S-PSS-X"), ignored: false),
            Case(
                entry: IgnoreEntry(
                    rule: "K8S-X", object: O(kind: "Deployment", namespace: "prod", name: "web"), reason: "r"),
                finding: finding("K8S-X"), ignored: true),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", object: O(kind: "StatefulSet"), reason: "r"),
                finding: finding("K8S-X"), ignored: false),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", object: O(name: "web-*"), reason: "r"),
                finding: finding("K8S-X", name: "web-canary"), ignored: true),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", object: O(name: "*-canary"), reason: "r"),
                finding: finding("K8S-X", name: "web"), ignored: false),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", object: O(namespace: "prod"), reason: "r"),
                finding: finding("K8S-X", namespace: nil), ignored: false),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", object: O(namespace: "*"), reason: "r"),
                finding: finding("K8S-X", namespace: nil), ignored: true),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", path: "deploy/", reason: "r"), finding: finding("K8S-X"),
                ignored: true),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", path: "./deploy/web", reason: "r"), finding: finding("K8S-X"),
                ignored: true),
            Case(
                entry: IgnoreEntry(rule: "K8S-X", path: "legacy/", reason: "r"), finding: finding("K8S-X"),
                ignored: false),
        ])
    func ignoreMatching(_ c: Case) {
        let result = FindingFilter(ignores: [c.entry], today: Self.today).apply([c.finding])
        #expect(result.findings.isEmpty == c.ignored)
        #expect(result.suppressed == (c.ignored ? 1 : 0))
    }

    @Test("an entry applies through its expiry day and stops the day after, with a note")
    func expiry() {
        let entry = IgnoreEntry(
            rule: "K8S-X", reason: "r", expires: CalendarDate(year: 2026, month: 6, day: 15),
            file: ".palisadeignore.yaml", line: 4)
        let onTheDay = FindingFilter(ignores: [entry], today: Self.today).apply([Self.finding("K8S-X")])
        #expect(onTheDay.findings.isEmpty)
        #expect(onTheDay.expired.isEmpty)

        let after = FindingFilter(ignores: [entry], today: CalendarDate(year: 2026, month: 6, day: 16))
            .apply([Self.finding("K8S-X")])
        #expect(after.findings.count == 1)
        #expect(
            after.notes == [
                ".palisadeignore.yaml:4: ignore for K8S-X expired on 2026-06-15; its findings are reported again"
            ])
    }

    @Test("findings outside the severity set are not counted as suppressed")
    func severityBeforeIgnores() {
        let result = FindingFilter(
            severities: [.critical], ignores: [IgnoreEntry(rule: "*", reason: "r")], today: Self.today
        ).apply([Self.finding("A", .low), Self.finding("B", .critical)])
        #expect(result.findings.isEmpty)
        #expect(result.suppressed == 1)
    }

    @Test(
        "globs",
        arguments: [
            ("abc", "abc", true), ("abc", "abd", false), ("a*", "abc", true), ("a*", "a", true), ("*", "", true),
            ("*c", "abc", true), ("a*c", "abxc", true), ("a*c", "abxd", false), ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXcYb", false), ("**", "x", true),
        ])
    func glob(pattern: String, text: String, matches: Bool) {
        #expect(Glob.matches(pattern, text) == matches)
    }

    @Test(
        "calendar dates",
        arguments: [
            ("2027-01-31", true), ("2028-02-29", true), ("2027-02-29", false), ("2027-13-01", false),
            ("2027-1-31", false), ("27-01-31", false), ("2027-01-31T00:00", false), ("", false),
        ])
    func dates(text: String, valid: Bool) {
        let date = CalendarDate(text)
        #expect((date != nil) == valid)
        if let date { #expect(date.description == text) }
    }
}

@Suite("Ignore entries on image findings")
struct ImageIgnoreTests {
    static func imageFinding(_ path: String) -> Finding {
        Finding(
            ruleId: "SECRET-PRIVATE-KEY", severity: .low, title: "t", message: "m", object: nil,
            location: Location(
                file: "oci:./img:1", line: 1, column: 1, path: path,
                layer: "sha256:" + String(repeating: "a", count: 64),
                presence: .present), remediation: "r", frameworks: FrameworkMappings())
    }

    @Test("an absolute ignore path matches the path inside the image; the image reference still works")
    func pathsInsideImages() {
        let inside = IgnoreEntry(rule: "SECRET-*", path: "/usr/lib/", reason: "vendor test keys", file: "f", line: 1)
        let image = IgnoreEntry(rule: "SECRET-*", path: "oci:./img", reason: "whole image", file: "f", line: 2)
        let other = IgnoreEntry(rule: "SECRET-*", path: "/etc/", reason: "x", file: "f", line: 3)
        let f = Self.imageFinding("/usr/lib/x86_64-linux-gnu/libgnutls.so.30")
        #expect(inside.matches(f))
        #expect(image.matches(f))
        #expect(!other.matches(f))
        // A Kubernetes finding is not matched by an image path.
        #expect(!inside.matches(FindingFilterTests.finding("SECRET-X", file: "deploy/web.yaml")))
    }
}
