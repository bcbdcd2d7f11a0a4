import PalisadeCore
import Testing

@testable import PalisadeFormats

/// Parses text into documents and errors, as the scanner does.
func parse(_ text: String, limits: YAMLLimits = .default) -> (documents: [YAMLDocument], errors: [InputError]) {
    parse(bytes: Array(text.utf8), limits: limits)
}

func parse(bytes: [UInt8], limits: YAMLLimits = .default) -> (documents: [YAMLDocument], errors: [InputError]) {
    let buffer = SourceBuffer(name: "t.yaml", copying: bytes)
    return YAMLStreamParser.parseAll(bytes: buffer.bytes, file: buffer.name, limits: limits)
}

@Suite("YAML stream parser")
struct YAMLStreamParserTests {
    @Test("multi-document streams keep absolute line numbers")
    func multiDocument() throws {
        let (docs, errors) = parse(
            """
            # leading comment
            apiVersion: v1
            kind: Pod
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web   # trailing comment
            ...
            ---
            """)
        #expect(errors.isEmpty)
        #expect(docs.count == 3)
        #expect(docs[0].root["kind"]?.string == "Pod")
        let name = try #require(docs[1].root["metadata"]?.pair("name"))
        #expect(name.value.string == "web")
        #expect(name.keyMark == SourceMark(line: 8, column: 3))
        #expect(name.value.mark == SourceMark(line: 8, column: 9))
        #expect(docs[2].root.isNull)
    }

    @Test("CRLF line endings and a byte-order mark")
    func crlfAndBOM() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("apiVersion: v1\r\nkind: Pod\r\n---\r\napiVersion: v1\r\nkind: Service\r\n".utf8)
        let (docs, errors) = parse(bytes: bytes)
        #expect(errors.isEmpty)
        #expect(docs.map { $0.root["kind"]?.string } == ["Pod", "Service"])
        #expect(docs[1].root.pair("kind")?.keyMark.line == 5)
        #expect(docs[0].root["apiVersion"]?.string == "v1")
    }

    @Test("compact JSON and tab-indented JSON")
    func json() throws {
        let compact =
            #"{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","securityContext":{"privileged":true}}]}}"#
        var (docs, errors) = parse(compact)
        #expect(errors.isEmpty)
        let sc = docs.first?.root["spec"]?["containers"]?.items?.first?["securityContext"]
        #expect(sc?["privileged"]?.bool == true)
        (docs, errors) = parse("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\"\n}\n")
        #expect(errors.isEmpty)
        #expect(docs.first?.root["kind"]?.string == "Pod")
        #expect(docs.first?.root.pair("kind")?.keyMark == SourceMark(line: 3, column: 2))
    }

    @Test(
        "Kubernetes scalar semantics: quoted values are strings",
        arguments: [
            ("true", true as Bool?), ("yes", true), ("On", true), ("false", false), ("no", false),
            ("\"true\"", nil), ("'yes'", nil), ("maybe", nil), ("!!str true", nil),
        ])
    func booleans(text: String, expected: Bool?) throws {
        let (docs, _) = parse("v: \(text)\n")
        #expect(docs.first?.root["v"]?.bool == expected)
    }

    @Test(
        "integers",
        arguments: [
            ("0", 0 as Int?), ("1000", 1000), ("-1", -1), ("0x10", 16), ("0o17", 15), ("017", 15),
            ("1_000", 1000), ("-017", -15), ("-0", 0), ("+5", 5), ("99999999999999999999", nil), ("\"0\"", nil),
            ("1.5", nil), ("abc", nil),
        ])
    func integers(text: String, expected: Int?) throws {
        let (docs, _) = parse("v: \(text)\n")
        #expect(docs.first?.root["v"]?.int == expected)
    }

    @Test("null forms", arguments: ["", "~", "null", "Null", "NULL"])
    func nulls(text: String) throws {
        let (docs, _) = parse("v: \(text)\n")
        #expect(docs.first?.root["v"]?.isNull == true)
        #expect(docs.first?.root["v"]?.string == nil)
    }

    @Test("duplicate keys: the last one wins, as in Kubernetes")
    func duplicateKeys() {
        let (docs, _) = parse("privileged: false\nprivileged: true\n")
        #expect(docs.first?.root["privileged"]?.bool == true)
    }

    @Test("anchors and aliases resolve")
    func aliases() {
        let (docs, errors) = parse("base: &b {image: nginx}\nother: *b\n")
        #expect(errors.isEmpty)
        #expect(docs.first?.root["other"]?["image"]?.string == "nginx")
    }

    @Test("an alias bomb is refused with a clear error, quickly")
    func aliasBomb() throws {
        var lines = [#"a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for i in 1..<10 {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]")
        }
        let (docs, errors) = parse(lines.joined(separator: "\n") + "\n")
        #expect(docs.isEmpty)
        let error = try #require(errors.first)
        #expect(error.reason.contains("alias bomb"))
        #expect(error.line != nil)
    }

    @Test("10,000 levels of nesting are refused, flow and block style")
    func deepNesting() throws {
        let flow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var (_, errors) = parse(flow)
        #expect(errors.first?.reason.contains("nesting deeper than") == true)
        var block = ""
        for i in 0..<2_000 { block += String(repeating: " ", count: i) + "k:\n" }
        (_, errors) = parse(block)
        #expect(errors.first?.reason.contains("nesting deeper than") == true)
    }

    @Test("binary garbage gives one error naming the position")
    func garbage() throws {
        var bytes: [UInt8] = []
        for i in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: i &* 7919)) }
        let (docs, errors) = parse(bytes: bytes)
        #expect(docs.isEmpty)
        #expect(errors.count >= 1)
        #expect(errors.allSatisfy { $0.line != nil })
    }

    @Test("an error in one document does not hide the next ones")
    func errorRecovery() {
        let (docs, errors) = parse("a: 1\n---\nb: [unclosed\n---\nc: 3\n")
        #expect(docs.compactMap { $0.root.pairs?.first?.key } == ["a", "c"])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 3 || errors.first?.line == 4)
    }

    @Test("unknown alias is an error, not a crash")
    func unknownAlias() {
        let (_, errors) = parse("a: *nope\n")
        #expect(errors.first?.reason.contains("alias") == true)
    }

    @Test("node ids are unique within a document")
    func uniqueIds() {
        let (docs, _) = parse("a: {b: [1, 2, {c: d}]}\ne: f\n")
        var ids: [Int32] = []
        func walk(_ n: YAMLNode) {
            ids.append(n.id)
            switch n.content {
            case .scalar: break
            case .sequence(let items): for item in items { walk(item) }
            case .mapping(let pairs): for pair in pairs { walk(pair.value) }
            }
        }
        walk(docs[0].root)
        #expect(Set(ids).count == ids.count)
    }
}

@Suite("YAML keys")
struct YAMLKeyTests {
    @Test("a non-string key (an unrendered template) is an error with its position")
    func complexKey() throws {
        let (docs, errors) = parse("metadata:\n  labels:\n    cell: {{cell}}\n")
        #expect(docs.isEmpty)
        let e = try #require(errors.first)
        #expect(e.line == 3)
        #expect(e.column == 12)
        #expect(e.reason.contains("mapping key must be a string"))
    }
}
