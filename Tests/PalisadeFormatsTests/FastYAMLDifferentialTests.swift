import Foundation
import PalisadeCore
import Testing

@testable import PalisadeFormats

/// The fast parser must build exactly libyaml's trees (values, styles, marks, ids, keys) or bail.
@Suite("Fast YAML parser matches libyaml")
struct FastYAMLDifferentialTests {
    /// Snippets the fast path must handle itself.
    static let fastSnippets: [String] = [
        "a: 1\n",
        "a: 1",
        "a:\n",
        "a:",
        "a:\nb: 2\n",
        "a:\n  b:\nc: 3\n",
        "a:   # comment\n  b: 1\n",
        "a:\n  # comment\n  b: 1\n",
        "- a\n- b\n",
        "- - nested\n  - more\n- x\n",
        "-\n- b\n-\n",
        "- \n  a: 1\n",
        "key:\n- a\n- b\nother: 1\n",
        "key:\n  - a\n  - b\nother: 1\n",
        "key:\n-\nother: 1\n",
        "- name: a\n  image: b\n- name: c\n",
        "-   name: a\n    image: b\n",
        "- name: a\n  ports:\n  - 80\n  - 443\n- name: b\n",
        "spec:\n  containers:\n  - name: web\n    args: [\"--a\", '--b', --c]\n    env:\n    - {name: A, value: \"x\"}\n",
        "a: b   \n",
        "a: b # comment\nc: d#not\n",
        "a: 'x # y'\nb: \"p # q\"\n",
        "a: a#b\n",
        "a: 'k: v'\nb: \"k: v\"\n",
        "url: http://example.com:8080/path\n",
        "a: -1\nb: --flag\nc: -\nd: -x\n",
        "app.kubernetes.io/name: web\nexample.com/x.y: z\n",
        "n: 42\nf: 1.5e3\nh: 0x1F\no: 0755\nt: true\nnull1: ~\nnull2: null\n",
        "e1: ''\ne2: \"\"\n",
        "s: 'it''s'\n",
        "d: \"tab\\tnew\\nquote\\\" back\\\\ slash\\/ \\u00e9 \\x41 \\U0001F600 \\e \\0 \\N \\_ \\L \\P\"\n",
        "d: \"multi\n  line\n\n  folded\"\n",
        "d: \"escaped \\\n  break\"\n",
        "s: 'multi\n  line\n\n\n  single'\n",
        "s: 'trailing   '\n",
        "p: plain\n  continued\n\n  after blank\n",
        "- plain\n  - not a seq\n",
        "lit: |\n  line 1\n  line 2\n",
        "lit: |-\n  line 1\n  line 2\n\n",
        "lit: |+\n  line 1\n  line 2\n\n",
        "lit: |+\n  keep\n\n\n",
        "lit: |2\n    indented\n  less\n",
        "lit: |\n\n  blank first\n\n    deeper\n  back\n\n\nnext: 1\n",
        "fold: >\n  folded text\n  continues\n\n  para\n    more indented\n  end\n",
        "fold: >-\n  a\n  b\n",
        "fold: >+\n  a\n\n",
        "- |\n  in seq\n- >\n  folded\n",
        "cmd:\n- sh\n- -c\n- |\n  echo hi\n  exit 0\n",
        "lit: |  # comment\n  x\n",
        "lit: |\n  x\n# comment at col 0\nnext: 2\n",
        "lit: |\n",
        "lit: |",
        "lit: >\n\n",
        "{a: 1, b: [x, y]}\n",
        "{\"a\": 1, \"b\": {\"c\": [1, 2, {\"d\": null}]}, \"e\": \"s\"}\n",
        "{\n\t\"a\": 1,\n\t\"b\": [\n\t\ttrue,\n\t\tfalse\n\t]\n}\n",
        "[]\n",
        "{}\n",
        "a: []\nb: {}\n",
        "a: [x, y,]\nb: {k: v,}\n",
        "a: [\n  x,\n  y\n]\n",
        "a: {k: v, # comment\n  l: w}\n",
        "a: [multi\n  word plain, b]\n",
        "---\na: 1\n",
        "---\na: 1\n---\nb: 2\n",
        "a: 1\n---\nb: 2\n...\n",
        "---\n---\n",
        "---\n",
        "--- # comment\na: 1\n",
        "---\n...\n",
        "a: 1\n...\n---\nb: 2\n",
        "",
        "# only a comment\n",
        "\n\n",
        "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  l1\r\n  l2\r\n",
        "\u{FEFF}a: 1\n",
        "name: caf\u{e9}\nother: 日本語\nk: \"\u{e9}\" \n",
        "x: \u{e9}\ny:\n",
        "'quoted key': 1\n\"dq key\": 2\n",
        "key : spaced\n",
        "a:\n  b:\n    c:\n      d: deep\n  e: 1\n",
        "  indented: root\n  second: 2\n",
        "plain root scalar\n",
        "\"quoted root\"\n",
        "a: b\n\n\n",
        "a:\n\n\n",
        "- a\n\n- b\n",
        "a: 1 \nb: 2\t\n",
        "a: \"v\"\t# comment\n",
        "a: x: y\n",
        "a: 'x' y\n",
        "a: [x] y\n",
        "key: - not a seq\n",
        "host: ::1\nq: ?x\n::k: v\n",
    ]

    @Test("snippets: identical trees", arguments: Array(fastSnippets.indices))
    func snippet(index: Int) {
        let text = Self.fastSnippets[index]
        let outcome = FastYAMLDiff.compare(text)
        if case .different(let d) = outcome {
            Issue.record("\(text.debugDescription): \(d)")
        }
    }

    @Test("common shapes take the fast path")
    func fastPathTaken() {
        var bailed: [String] = []
        for text in Self.fastSnippets where FastYAMLDiff.compare(text) == .bailed {
            bailed.append(text)
        }
        // Everything above that libyaml accepts must be parsed by the fast path, except the
        // documented bail-outs (trailing tab after a value).
        let allowed: Set<String> = ["a: 1 \nb: 2\t\n", "a: \"v\"\t# comment\n"]
        let unexpected = bailed.filter { text in
            !allowed.contains(text) && FastYAMLDiff.libyaml(text).error == nil
        }
        #expect(unexpected.isEmpty, "bailed on \(unexpected.map(\.debugDescription))")
    }

    /// Constructs the fast path deliberately leaves to libyaml.
    static let bailSnippets: [String] = [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "? complex\n: value\n",
        "a:\n\tb: 1\n",
        "[a: b]\n",
        "{a: }\n",
        "a: b\rc: d\n",
        "--- a\n",
    ]

    @Test("bail-outs still match libyaml", arguments: bailSnippets)
    func bails(text: String) {
        #expect(FastYAMLDiff.compare(text) == .bailed)
    }

    @Test("depth limit: the fast path bails so libyaml reports it")
    func depthLimit() {
        let limits = YAMLLimits(maxDepth: 5)
        let deep = Array("a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n".utf8)
        #expect(FastYAMLDiff.compare(deep, limits: limits) == .bailed)
        let flow = Array("[[[[[[1]]]]]]".utf8)
        #expect(FastYAMLDiff.compare(flow, limits: limits) == .bailed)
        let ok = Array("a:\n b:\n  c: 1\n".utf8)
        #expect(FastYAMLDiff.compare(ok, limits: limits) == .same)
    }

    @Test("line offsets shift marks like libyaml's")
    func lineOffset() {
        let text = Array("---\nmetadata:\n  name: x\nspec:\n".utf8)
        #expect(FastYAMLDiff.compare(text, lineOffset: 40) == .same)
    }

    @Test("repository fixtures: identical trees, mostly on the fast path")
    func repositoryFixtures() {
        let root = FastYAMLDiff.repoRoot
        var urls: [URL] = []
        for dir in ["Tests/Fixtures", "examples"] {
            urls += FastYAMLDiff.files(
                under: root.appendingPathComponent(dir), extensions: ["yaml", "yml", "json"])
        }
        let t = FastYAMLDiff.tally(urls)
        print(
            "fast YAML on repository fixtures: \(t.fast) fast, \(t.bailed) bailed; bailed: \(t.bailedFiles.prefix(20))")
        #expect(t.failures.isEmpty, "\(t.failures.prefix(10))")
        #expect(t.fast > 0)
    }

    /// Real-world manifests shared on this machine; skipped where absent.
    @Test(
        "shared real manifests: identical trees, > 95% fast",
        .enabled(if: FileManager.default.fileExists(atPath: "/work/shared/fixtures/manifests")))
    func sharedManifests() {
        let urls = FastYAMLDiff.files(
            under: URL(fileURLWithPath: "/work/shared/fixtures/manifests"), extensions: ["yaml", "yml"])
        let t = FastYAMLDiff.tally(urls)
        print("fast YAML on shared manifests: \(t.fast) fast, \(t.bailed) bailed; bailed: \(t.bailedFiles.prefix(30))")
        #expect(t.failures.isEmpty, "\(t.failures.prefix(10))")
        #expect(t.fast * 100 > (t.fast + t.bailed) * 95)
    }
}

extension FastYAMLDiff {
    static func libyaml(_ text: String) -> (documents: [YAMLDocument], error: InputError?) {
        Array(text.utf8).withUnsafeBytes { libyaml($0) }
    }
}
