import Foundation
import Testing

@testable import PalisadeGraph

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct PictureSVGTests {
    let sample = PictureTestGraphs.sample()

    static func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(data: Data(svg.utf8), options: [])
    }

    static func strings(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }

    @Test func builtInSVGIsWellFormedWithANodeAndEdgeElementEach() throws {
        let svg = try PictureTestGraphs.picture(sample).render(.svg, svgLayout: .builtIn)
        let document = try Self.parse(svg)
        #expect(document.rootElement()?.name == "svg")
        #expect(try document.nodes(forXPath: "//*[local-name()='g'][@class='node']").count == sample.graph.nodes.count)
        #expect(try document.nodes(forXPath: "//*[local-name()='g'][@class='edge']").count == sample.graph.edges.count)
        let titles = try Self.strings(document, "//*[local-name()='title']")
        #expect(titles.first == "Attack graph \"<test>\"")
        // The hostile label comes back intact from the tooltip, and shortened in the box.
        #expect(titles.contains { $0.hasPrefix(PictureTestGraphs.hostile + "\nworkload in team-a") })
        #expect(titles.contains { $0.hasPrefix("EXPOSED_BY_INGRESS · T1190 Exploit Public-Facing Application") })
        #expect(titles.contains { $0.contains("automountServiceAccountToken</script>") })
        let texts = try Self.strings(document, "//*[local-name()='text']")
        #expect(texts.contains(PictureEscaping.truncated(PictureTestGraphs.hostile, to: LayeredLayout.labelLimit)))
        // Seven red path edges, drawn with the red arrowhead.
        #expect(svg.components(separatedBy: "marker-end=\"url(#arrow-path)\"").count - 1 == 7)
        #expect(svg.contains("stroke-dasharray"))
    }

    @Test func emptyGraphSVGSaysThereIsNoAttackSurface() throws {
        let svg = try GraphPicture(graph: AttackGraph()).render(.svg, svgLayout: .builtIn)
        let document = try Self.parse(svg)
        #expect(try Self.strings(document, "//*[local-name()='text']").contains("no attack surface found"))
    }

    @Test func controlCharactersCannotBreakTheXML() throws {
        var graph = AttackGraph()
        graph.addNode(GraphNode(id: "x\u{1}", kind: .secret, label: "bell\u{7}\u{0}\u{FFFE}]]><![CDATA["))
        let svg = try GraphPicture(graph: graph, title: "\u{1b}[31m").render(.svg, svgLayout: .builtIn)
        _ = try Self.parse(svg)
    }

    @Test(.enabled(if: PictureTestTools.find("dot") != nil || PictureTestTools.isCI, "Graphviz's dot is not installed"))
    func graphvizRendersTheSameNodesAndEdges() throws {
        #expect(PictureTestTools.find("dot") != nil, "CI=true requires Graphviz (Debian package graphviz)")
        let picture = PictureTestGraphs.picture(sample)
        let svg = try picture.render(.svg, svgLayout: .graphviz)
        let auto = try picture.render(.svg, svgLayout: .auto)
        #expect(svg == auto)
        let start = try #require(svg.range(of: "<svg"))
        let document = try Self.parse(String(svg[start.lowerBound...]))
        #expect(try document.nodes(forXPath: "//*[local-name()='g'][@class='node']").count == sample.graph.nodes.count)
        #expect(try document.nodes(forXPath: "//*[local-name()='g'][@class='edge']").count == sample.graph.edges.count)
        #expect(svg.contains("T1190"))
    }

    @Test func graphvizLookupFollowsPath() {
        #expect(GraphvizRunner.locate(environment: ["PATH": "/nonexistent:/also-not-here"]) == nil)
    }

    /// Writes executable shell scripts standing in for `dot` into a fresh directory.
    struct FakeDot {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("picture-\(UUID().uuidString)")

        func script(_ name: String, _ body: String) throws -> URL {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent(name)
            try "#!/bin/sh\n\(body)\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
            return file
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static let failingBody = """
        /bin/cat >/dev/null
        echo 'Error: syntax error in line 1' >&2
        echo second line >&2
        exit 3
        """

    @Test func graphvizFailureAndTimeoutAreClearErrors() throws {
        let fake = FakeDot()
        defer { fake.remove() }
        let failing = try fake.script("failing", Self.failingBody)
        let slow = try fake.script("slow", "exec /bin/sleep 30")
        #expect(throws: GraphPictureError.graphvizFailed(status: 3, message: "Error: syntax error in line 1")) {
            try GraphvizRunner(executable: failing).svg(fromDot: "digraph {}")
        }
        #expect(throws: GraphPictureError.graphvizTimedOut(seconds: 1)) {
            try GraphvizRunner(executable: slow, timeoutSeconds: 1).svg(fromDot: "digraph {}")
        }
        #expect(throws: GraphPictureError.self) {
            try GraphvizRunner(executable: fake.directory.appendingPathComponent("missing")).svg(fromDot: "")
        }
        var picture = PictureTestGraphs.picture(sample)
        picture.graphvizExecutable = failing
        #expect(throws: GraphPictureError.graphvizFailed(status: 3, message: "Error: syntax error in line 1")) {
            try picture.render(.svg, svgLayout: .graphviz)
        }
        #expect(GraphPictureError.graphvizNotFound.description.contains("--svg-layout builtin"))
    }

    @Test func autoFallsBackToTheBuiltInLayoutWhenGraphvizFailsOrTheGraphIsLarge() throws {
        let fake = FakeDot()
        defer { fake.remove() }
        let builtIn = try PictureTestGraphs.picture(sample).render(.svg, svgLayout: .builtIn)
        var picture = PictureTestGraphs.picture(sample)
        picture.graphvizExecutable = try fake.script("failing", Self.failingBody)
        #expect(try picture.render(.svg, svgLayout: .auto) == builtIn)
        picture.graphvizExecutable = try fake.script("slow", "exec /bin/sleep 30")
        picture.graphvizAutoTimeoutSeconds = 1
        #expect(try picture.render(.svg, svgLayout: .auto) == builtIn)
        picture.graphvizExecutable = try fake.script("working", "/bin/cat >/dev/null\necho '<svg>fake</svg>'")
        #expect(try picture.render(.svg, svgLayout: .auto) == "<svg>fake</svg>\n")
        picture.graphvizNodeLimit = sample.graph.nodes.count - 1
        #expect(try picture.render(.svg, svgLayout: .auto) == builtIn)
    }

    @Test func graphvizRetriesWithoutNamespaceClustersWhenTheyMakeItFail() throws {
        let fake = FakeDot()
        defer { fake.remove() }
        var picture = PictureTestGraphs.picture(sample)
        picture.graphvizExecutable = try fake.script(
            "clusterphobic",
            """
            input=$(/bin/cat)
            case "$input" in *subgraph*) echo 'Error: trouble in init_rank' >&2; exit 1;; esac
            echo '<svg>flat</svg>'
            """)
        #expect(try picture.render(.svg, svgLayout: .graphviz) == "<svg>flat</svg>\n")
        let dot = try picture.render(.dot)
        #expect(dot.contains("subgraph"))
        let flat = DotRenderer(view: PictureView(graph: sample.graph, paths: sample.paths), title: "t", clusters: false)
            .render()
        #expect(!flat.contains("subgraph"))
        #expect(
            flat.split(separator: "\n").filter { $0.contains(" [label=") && !$0.contains(" -> ") }.count
                == sample.graph.nodes.count)
    }
}
