import PalisadeCore
import PalisadeFormats
import Testing

@Suite("IgnoreFileParser")
struct IgnoreFileParserTests {
    static func parse(_ text: String) throws(InputError) -> [IgnoreEntry] {
        let buffer = SourceBuffer(name: ".palisadeignore.yaml", copying: Array(text.utf8))
        return try IgnoreFileParser.parse(buffer)
    }

    @Test("a full entry")
    func fullEntry() throws {
        let entries = try Self.parse(
            """
            # accepted risks
            ignores:
              - rule: K8S-WL-NO-CPU-LIMIT
                object: {kind: Deployment, namespace: prod, name: web}
                path: examples/legacy/
                reason: "CPU limits cause throttling; tracked in OPS-123"
                expires: 2027-01-31
              - rule: k8s-rbac-*
                reason: platform team roles
            """)
        #expect(entries.count == 2)
        let e = entries[0]
        #expect(e.rule == "K8S-WL-NO-CPU-LIMIT")
        #expect(e.object == IgnoreEntry.ObjectPattern(kind: "Deployment", namespace: "prod", name: "web"))
        #expect(e.path == "examples/legacy/")
        #expect(e.reason == "CPU limits cause throttling; tracked in OPS-123")
        #expect(e.expires == CalendarDate(year: 2027, month: 1, day: 31))
        #expect(e.line == 3)
        #expect(e.file == ".palisadeignore.yaml")
        #expect(entries[1].rule == "K8S-RBAC-*")
        #expect(entries[1].object == nil && entries[1].expires == nil)
    }

    @Test("empty files and empty lists ignore nothing", arguments: ["", "# nothing\n", "ignores:\n", "ignores: []\n"])
    func empty(text: String) throws {
        #expect(try Self.parse(text).isEmpty)
    }

    @Test(
        "invalid files are errors with a position",
        arguments: [
            ("- rule: X\n", 1, 1, "expected a map with an 'ignores' list, found a list"),
            ("ignore:\n  - rule: X\n", 1, 1, "unknown key 'ignore'; the file holds one key, 'ignores'"),
            ("ignores: {rule: X}\n", 1, 10, "expected a list under 'ignores', found a map"),
            (
                "ignores:\n  - K8S-X\n", 2, 5,
                "expected an ignore entry (a map with 'rule' and 'reason'), found a string"
            ),
            ("ignores:\n  - reason: r\n", 2, 5, "ignore entry has no 'rule'"),
            ("ignores:\n  - rule: X\n", 2, 5, "ignore entry for X has no 'reason'; say why the finding is accepted"),
            ("ignores:\n  - rule: X\n    reason: \"  \"\n", 3, 13, "'reason' is empty"),
            ("ignores:\n  - rule: [X]\n    reason: r\n", 2, 11, "expected a string for 'rule', found a list"),
            (
                "ignores:\n  - rule: X\n    reason: r\n    expires: next year\n", 4, 14,
                "'expires' must be a date written YYYY-MM-DD, found 'next year'"
            ),
            (
                "ignores:\n  - rule: X\n    reason: r\n    expire: 2027-01-01\n", 4, 5,
                "unknown key 'expire' in ignore entry; expected rule, object, path, reason or expires"
            ),
            (
                "ignores:\n  - rule: X\n    reason: r\n    object: {kind: Pod, ns: a}\n", 4, 25,
                "unknown key 'ns' in 'object'; expected kind, namespace or name"
            ),
        ])
    func invalid(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: InputError(file: ".palisadeignore.yaml", line: line, column: column, reason: reason)) {
            try Self.parse(text)
        }
    }

    @Test("YAML syntax errors carry their position")
    func syntaxError() {
        do {
            _ = try Self.parse("ignores:\n  - rule: [X\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == ".palisadeignore.yaml")
            #expect(error.line != nil && error.column != nil)
        }
    }
}
