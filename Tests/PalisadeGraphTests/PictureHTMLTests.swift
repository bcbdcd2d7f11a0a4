import Foundation
import Testing

@testable import PalisadeGraph

@Suite struct PictureHTMLTests {
    let sample = PictureTestGraphs.sample()

    /// The text of the embedded `<script type="application/json">` element.
    static func embeddedData(_ html: String) throws -> String {
        let open = "<script type=\"application/json\" id=\"graph-data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func pageIsOneFileWithNothingToFetch() throws {
        let html = try PictureTestGraphs.picture(sample).render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        for external in ["src=", "href=", "@import", "url(http", "fetch(", "XMLHttpRequest", "https://"] {
            #expect(!html.contains(external), "\(external)")
        }
        // The only URL is the SVG namespace, which is a name, not a fetch.
        #expect(html.components(separatedBy: "http://").count - 1 == 2)
        #expect(html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1 == 2)
        #expect(html.components(separatedBy: "<script").count == html.components(separatedBy: "</script>").count)
        #expect(html.components(separatedBy: "<script").count - 1 == 3)
        #expect(html.contains("<title>Attack graph &quot;&lt;test&gt;&quot;</title>"))
        #expect(html.contains("<h1>Attack graph &quot;&lt;test&gt;&quot;</h1>"))
    }

    @Test func embeddedDataCannotCloseItsScriptAndParsesBack() throws {
        let html = try PictureTestGraphs.picture(sample).render(.html)
        let data = try Self.embeddedData(html)
        #expect(!data.contains("<"))
        #expect(!data.contains(">"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        let nodes = try #require(root["nodes"] as? [[String: Any]])
        #expect(nodes.contains { $0["label"] as? String == PictureTestGraphs.hostile })
        let layout = try #require(root["layout"] as? [String: Any])
        #expect((layout["nodes"] as? [[Int]])?.count == sample.graph.nodes.count)
        let routes = try #require(layout["edges"] as? [[Int]])
        #expect(routes.count == sample.graph.edges.count)
        #expect(routes.allSatisfy { $0.count >= 4 && $0.count % 2 == 0 })
        #expect((layout["reversed"] as? [Int])?.count == 1)
        let summaries = try #require(layout["summaries"] as? [String: String])
        #expect(summaries["GRANTS_EVERYTHING"] == GraphEdgeKind.grantsEverything.summary)
        #expect(summaries["APPROVE_CSR"] == nil)
    }

    @Test func legendListsTheKindsPresent() throws {
        let html = try PictureTestGraphs.picture(sample).render(.html)
        #expect(html.contains("<span class=\"swatch k-workload\"></span>workload</li>"))
        #expect(!html.contains("<span class=\"swatch k-user\"></span>user</li>"))
    }

    // MARK: - In a real browser

    static var chromium: String? { PictureTestTools.find("chromium") }

    struct BrowserRun {
        var dom: String
        var log: String
        var screenshot: Data
    }

    /// Loads the page in headless Chromium, returning the DOM after the scripts ran, Chromium's
    /// log (where console messages appear) and a 1400x900 screenshot.
    static func load(_ html: String, name: String, fragment: String = "") throws -> BrowserRun {
        let chromium = try #require(Self.chromium)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("\(name).html")
        let screenshot = directory.appendingPathComponent("\(name).png")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--screenshot=\(screenshot.path)", "--window-size=1400,900", "--dump-dom", page.absoluteString + fragment,
        ]
        let output = directory.appendingPathComponent("dom.txt")
        let errors = directory.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("chromium did not finish within 120 s")
        }
        // Kept for a person to look at after a failure.
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(name).png")
        try? FileManager.default.removeItem(at: keep)
        try? FileManager.default.copyItem(at: screenshot, to: keep)
        return BrowserRun(
            dom: try String(contentsOf: output, encoding: .utf8), log: try String(contentsOf: errors, encoding: .utf8),
            screenshot: (try? Data(contentsOf: screenshot)) ?? Data())
    }

    /// Console messages from the page in Chromium's log (`INFO:CONSOLE…] "message", source: file://…`).
    static func consoleLines(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }

    /// What the page wrote into `#errors`, for failure messages.
    static func pageErrors(_ dom: String) -> String {
        guard let start = dom.range(of: "<div id=\"errors\" role=\"alert\">") else { return "no #errors element" }
        return String(dom[start.upperBound...].prefix(400))
    }

    /// The class lists of the drawn nodes (`data-node`) or edges (`data-edge`), in DOM order.
    static func classes(_ dom: String, of attribute: String) -> [Set<Substring>] {
        dom.components(separatedBy: "<g class=\"").dropFirst().compactMap { chunk in
            guard let end = chunk.firstIndex(of: "\"") else { return nil }
            guard chunk[end...].hasPrefix("\" \(attribute)=\"") else { return nil }
            return Set(chunk[..<end].split(separator: " "))
        }
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(.enabled(if: chromium != nil || PictureTestTools.isCI, "chromium is not installed (Debian package chromium)"))
    func searchFiltersPathsAndDetailsWorkInChromium() throws {
        #expect(Self.chromium != nil, "CI=true requires chromium (Debian package chromium)")
        let html = try PictureTestGraphs.picture(sample).render(.html)
        let ingressEdge = try #require(sample.graph.edges.firstIndex { $0.kind == .exposedByIngress })
        let edge = PictureView(graph: sample.graph, paths: []).edgeRank[ingressEdge]
        let run = try Self.load(
            html, name: "controls",
            fragment: "#search=TEAM-B&path=0&edge=\(edge)&hideNamespace=team-b&hideKind=PRIVILEGED_ESCAPE")
        #expect(
            run.dom.contains("<div id=\"errors\" role=\"alert\"></div>"), "page errors: \(Self.pageErrors(run.dom))")
        #expect(run.dom.contains("data-ready=\"true\""))
        // Search: both team-b nodes match, case-insensitively.
        #expect(run.dom.contains("<span id=\"search-count\">2 matches</span>"))
        let nodes = Self.classes(run.dom, of: "data-node")
        let edges = Self.classes(run.dom, of: "data-edge")
        #expect(nodes.count == sample.graph.nodes.count && edges.count == sample.graph.edges.count)
        #expect(nodes.filter { $0.contains("match") }.count == 2)
        // Filters: team-b's two nodes, the three edges touching them and the escape edge are hidden.
        #expect(nodes.filter { $0.contains("hidden") }.count == 2)
        #expect(edges.filter { $0.contains("hidden") }.count == 3)
        // The path is focused: its 8 nodes and 7 edges are active, and its list entry too.
        #expect(run.dom.contains("<g id=\"viewport\" transform=") && run.dom.contains("class=\"focus\""))
        #expect(nodes.filter { $0.contains("active") }.count == 8)
        #expect(edges.filter { $0.contains("active") }.count == 7)
        #expect(edges.filter { $0.contains("active") }.allSatisfy { $0.contains("onpath") })
        #expect(run.dom.contains("<li class=\"active\">"))
        // Details of the internet → ingress edge: kind, MITRE technique, tactic, reason, summary.
        #expect(run.dom.contains("<th>Edge</th><td>EXPOSED_BY_INGRESS</td>"))
        #expect(run.dom.contains("<th>MITRE</th><td>T1190 Exploit Public-Facing Application</td>"))
        #expect(run.dom.contains("<th>Tactic</th><td>Initial Access</td>"))
        #expect(run.dom.contains("<th>Reason</th><td>Ingress has a public host &amp; rule</td>"))
        #expect(run.dom.contains("<th>Means</th><td>\(GraphEdgeKind.exposedByIngress.summary)</td>"))

        let node = try Self.load(html, name: "node", fragment: "#node=workload:team-a/Deployment/web")
        #expect(node.dom.contains("<th>Defined at</th><td>manifests/app.yaml:20</td>"))
        #expect(node.dom.contains("<th>Edges</th><td>2 in, 2 out</td>"))
        #expect(node.dom.contains("<th>Namespace</th><td>team-a</td>"))
        #expect(Self.classes(node.dom, of: "data-node").filter { $0.contains("selected") }.count == 1)
    }

    @Test(.enabled(if: chromium != nil || PictureTestTools.isCI, "chromium is not installed (Debian package chromium)"))
    func pageRunsInChromiumWithoutErrorsAndDrawsTheGraph() throws {
        #expect(Self.chromium != nil, "CI=true requires chromium (Debian package chromium)")
        let graph = try Self.load(PictureTestGraphs.picture(sample).render(.html), name: "sample")
        #expect(
            graph.dom.contains("<div id=\"errors\" role=\"alert\"></div>"), "page errors: \(Self.pageErrors(graph.dom))"
        )
        #expect(Self.consoleLines(graph.log).isEmpty, "\(Self.consoleLines(graph.log))")
        #expect(graph.dom.contains("data-ready=\"true\""))
        #expect(Self.count("data-node=\"", in: graph.dom) == sample.graph.nodes.count)
        #expect(Self.count("data-edge=\"", in: graph.dom) == sample.graph.edges.count)
        #expect(Self.classes(graph.dom, of: "data-edge").filter { $0.contains("onpath") }.count == 7)
        #expect(Self.count("<li><span class=\"sev\">CRITICAL</span>", in: graph.dom) == 1)
        // The hostile label is text in the DOM, not markup.
        #expect(graph.dom.contains("Deployment \"team-a\"/web&lt;/script&gt;&lt;!--&lt;b&gt;&amp;amp;"))
        #expect(!graph.dom.contains("<b>&amp;"))
        // Tooltips carry the MITRE tactic, the reason and where the object is defined.
        #expect(
            graph.dom.contains(
                "<title>RUNS_CONTAINER · T1609 Container Administration Command (Execution)\ncontainer app\nmanifests/app.yaml:25</title>"
            ))
        #expect(graph.dom.contains("<title>cluster-admin\nclusterAdmin\ncrown jewel: cluster-admin</title>"))

        let empty = try Self.load(GraphPicture(graph: AttackGraph()).render(.html), name: "empty")
        #expect(
            empty.dom.contains("<div id=\"errors\" role=\"alert\"></div>"), "page errors: \(Self.pageErrors(empty.dom))"
        )
        #expect(Self.consoleLines(empty.log).isEmpty, "\(Self.consoleLines(empty.log))")
        #expect(empty.dom.contains("data-ready=\"true\""))
        #expect(empty.dom.contains("<div id=\"empty\">No attack surface found"))
        #expect(Self.count("data-node=\"", in: empty.dom) == 0)

        // The error check itself works: a page whose data lacks the layout fails loudly.
        let html = try PictureTestGraphs.picture(sample).render(.html)
        let broken = try Self.load(html.replacingOccurrences(of: "\"layout\":", with: "\"nolayout\":"), name: "broken")
        #expect(!broken.dom.contains("<div id=\"errors\" role=\"alert\"></div>"))
        #expect(broken.dom.contains("TypeError"))
        #expect(!broken.dom.contains("data-ready=\"true\""))

        // Both screenshots are PNGs; the graph's holds more than the empty page's.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        #expect(Array(graph.screenshot.prefix(8)) == png)
        #expect(Array(empty.screenshot.prefix(8)) == png)
        #expect(graph.screenshot.count > 20_000)
        #expect(graph.screenshot != empty.screenshot)
        #expect(graph.screenshot.count > empty.screenshot.count + 5_000)
    }
}
