import PalisadeAdmission
import PalisadeFormats
import Testing

/// The hand-written emitter: whatever a string holds, it reads back as that string, and the
/// document keeps its shape.
@Suite("Install: manifest YAML emitter")
struct InstallYAMLTests {
    static let awkward: [String] = [
        "", "plain", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "~", "NULL", "0", "012", "1e3",
        "0x1F", "1:20", ".inf", "-.inf", ".nan", "-", "- item", "? key", "key: value", "a #comment", "#start",
        "trailing:", ":leading", "@at", "`tick", "&anchor", "*alias", "!tag", "|", ">", "%directive", "{}", "[]",
        "a, b", "\"double\"", "'single'", "back\\slash", "line\nbreak", "tab\tchar", " leading space",
        "trailing space ", "nul\u{0}byte", "bell\u{7}", "del\u{7F}", "next\u{85}line", "sep\u{2028}x", "bom\u{FEFF}",
        "ünïcödé ✓ 🚀", "---", "...", "<<", "=", "ghcr.io/palisade-dev/palisade:0.1.0",
        "repo@sha256:0123456789abcdef", "kubernetes.io/metadata.name", "100m", "+1", "2026-01-01",
    ]

    @Test("every awkward string reads back unchanged, as a value and as a key")
    func roundTrip() throws {
        for text in Self.awkward {
            let doc = ManifestYAML.map([
                ("value", .string(text)), (text, "key"), ("list", [.string(text)]), ("after", "end"),
            ]).document()
            let docs = try InstallTestSupport.documents(doc)
            try #require(docs.count == 1, "\(text.debugDescription) →\n\(doc)")
            let root = docs[0]
            #expect(root["value"]?.string == text, "\(text.debugDescription) →\n\(doc)")
            #expect(root["value"]?.scalar?.isPlain == false || root["value"]?.bool == nil)
            #expect(root.pairs?.map(\.key) == ["value", text, "list", "after"], "\(text.debugDescription)")
            #expect(InstallTestSupport.strings(root["list"]) == [text])
            #expect(root["after"]?.string == "end")
        }
    }

    @Test("plain scalars only where they cannot be read as another type")
    func plainOnlyWhenSafe() {
        let doc = ManifestYAML.map([
            ("a", "RuntimeDefault"), ("b", "yes"), ("c", "100m"), ("d", 8443), ("e", true), ("f", "kube-system"),
        ]).document()
        #expect(doc == "a: RuntimeDefault\nb: \"yes\"\nc: \"100m\"\nd: 8443\ne: true\nf: kube-system\n")
    }

    @Test("nested maps and lists use block style with two-space indentation")
    func layout() {
        let doc = ManifestYAML.map([
            ("spec", ["containers": [["name": "web", "args": ["a", "b"]]], "empty": [:], "none": []])
        ]).document()
        #expect(
            doc == """
                spec:
                  containers:
                    - name: web
                      args:
                        - a
                        - b
                  empty: {}
                  none: []

                """)
    }

    @Test("block scalars keep their exact trailing newlines")
    func blockScalars() throws {
        for text in ["one\n", "none", "two\n\n", "three\n\n\n", " indented\n", "\n\nblank start\n", "a\n\nb\n"] {
            let doc = ManifestYAML.map([("data", ["file": .text(text)]), ("next", 1)]).document()
            let root = try InstallTestSupport.documents(doc)[0]
            #expect(root["data"]?["file"]?.string == text, "\(text.debugDescription) →\n\(doc)")
            #expect(root["next"]?.int == 1)
        }
        let doc = ManifestYAML.map([("file", .text("a\nb\n"))]).document()
        #expect(doc == "file: |\n  a\n  b\n")
    }
}
