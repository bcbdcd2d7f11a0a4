import Foundation
import Testing

@testable import PalisadeGraph

@Suite struct PictureTextFormatsTests {
    let sample = PictureTestGraphs.sample()

    @Test func everyFormatIsDeterministicAndIgnoresInsertionOrder() throws {
        let shuffled = PictureTestGraphs.shuffled(sample)
        for format in GraphPictureFormat.allCases {
            let first = try PictureTestGraphs.picture(sample).render(format, svgLayout: .builtIn)
            let again = try PictureTestGraphs.picture(sample).render(format, svgLayout: .builtIn)
            let reordered = try PictureTestGraphs.picture(shuffled).render(format, svgLayout: .builtIn)
            #expect(first == again, "\(format)")
            #expect(first == reordered, "\(format)")
        }
    }

    @Test func dotQuotesEveryIdAndLabelAndMarksPathsAndJewels() throws {
        let dot = try PictureTestGraphs.picture(sample).render(.dot)
        #expect(dot.hasPrefix("digraph \"Attack graph \\\"<test>\\\"\" {\n"))
        #expect(dot.hasSuffix("}\n"))
        // The hostile label: quotes escaped, the newline as DOT's \n, the backslash doubled.
        #expect(
            dot.contains(
                "label=\"Deployment \\\"team-a\\\"/web</script><!--<b>&amp;]]>|x[1]{2};#35;`\\n\\\\N ünïcødé ☃\""))
        #expect(!dot.contains("\n\\N"))
        // Brace balance outside quoted strings, and every statement on its own line.
        #expect(Self.unquotedBalance(dot, open: "{", close: "}") == 0)
        #expect(Self.unquotedBalance(dot, open: "[", close: "]") == 0)
        #expect(dot.contains("subgraph \"cluster_0\" {\n    label=\"namespace team-a\""))
        #expect(dot.contains("subgraph \"cluster_1\" {\n    label=\"namespace team-b\""))
        #expect(dot.contains("\"internet\" -> \"ingress:team-a/web\" [label=\"EXPOSED_BY_INGRESS\\nT1190\""))
        let pathEdge = try #require(dot.split(separator: "\n").first { $0.contains("-> \"cluster-admin\"") })
        #expect(pathEdge.contains("penwidth=2.5") && pathEdge.contains("#dc2626"))
        let offPath = try #require(dot.split(separator: "\n").first { $0.contains("-> \"node:any\"") })
        #expect(!offPath.contains("penwidth") && !offPath.contains("#dc2626"))
        let jewel = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  \"cluster-admin\" [") })
        #expect(jewel.contains("peripheries=2") && jewel.contains("doubleoctagon"))
        let plain = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  \"internet\" [") })
        #expect(!plain.contains("peripheries"))
        #expect(dot.split(separator: "\n").filter { $0.contains(" -> ") }.count == sample.graph.edges.count)
    }

    @Test func dotPrintsANodeWithAnEmptyNamespaceOnce() throws {
        var graph = AttackGraph()
        graph.addNode(GraphNode(id: "odd", kind: .secret, label: "odd", namespace: ""))
        graph.addNode(GraphNode(id: "global", kind: .role, label: "global"))
        let dot = try GraphPicture(graph: graph).render(.dot)
        #expect(dot.components(separatedBy: "\"odd\" [").count == 2)
        #expect(dot.contains("label=\"namespace \""))
    }

    @Test func dotOfAnEmptyGraphSaysSo() throws {
        let dot = try GraphPicture(graph: AttackGraph()).render(.dot)
        #expect(dot.contains("no attack surface found"))
        #expect(!dot.contains("->"))
    }

    @Test func mermaidUsesGeneratedIdsAndEntityCodesForEverySpecialCharacter() throws {
        let mermaid = try PictureTestGraphs.picture(sample).render(.mermaid)
        #expect(mermaid.contains("\nflowchart TB\n"))
        let lines = mermaid.split(separator: "\n")
        let hostileRank = PictureView(graph: sample.graph, paths: []).nodeRank[sample.hostileNode]
        let hostile = try #require(lines.first { $0.hasPrefix("  n\(hostileRank)[\"") })
        let inside = hostile.dropFirst("  n\(hostileRank)[\"".count).prefix { $0 != "\"" }
        for forbidden in ["<", ">", "\"", "&", "|", "[", "]", "{", "}", "`", "\\"] {
            #expect(!inside.contains(forbidden), "\(forbidden) in \(inside)")
        }
        #expect(inside.contains("#34;team-a#34;") && inside.contains("ünïcødé ☃"))
        #expect(hostile.hasSuffix("]:::k_workload"))
        // Quotes balance on every line, so no label leaks into the syntax.
        for line in lines where !line.hasPrefix("title:") {
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
        #expect(lines.filter { $0.contains("-->|") || $0.contains("==>|") }.count == sample.graph.edges.count)
        #expect(lines.filter { $0.contains("==>|") }.count == 7)
        #expect(mermaid.contains("linkStyle "))
        #expect(mermaid.contains("classDef jewel"))
        #expect(mermaid.contains("title: \"Attack graph   test  \"\n"))
    }

    @Test func mermaidTurnsEveryKindOfLineBreakIntoASpace() {
        #expect(PictureEscaping.mermaid("a\nb\rc\u{85}d\u{2028}e\u{2029}f") == "a b c d e f")
        #expect(PictureEscaping.plain("x\u{2028}\"y\"") == "x  y ")
        #expect(PictureEscaping.mermaid("%%{init}%%") == "#37;#37;#123;init#125;#37;#37;")
    }

    @Test func mermaidOfAnEmptyGraphSaysSo() throws {
        let mermaid = try GraphPicture(graph: AttackGraph()).render(.mermaid)
        #expect(mermaid.contains("no attack surface found"))
        #expect(!mermaid.contains("linkStyle"))
    }

    @Test func jsonParsesBackWithEveryNodeEdgeAndPath() throws {
        let json = try PictureTestGraphs.picture(sample).render(.json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["title"] as? String == "Attack graph \"<test>\"")
        let nodes = try #require(root["nodes"] as? [[String: Any]])
        let edges = try #require(root["edges"] as? [[String: Any]])
        let paths = try #require(root["paths"] as? [[String: Any]])
        #expect(nodes.count == sample.graph.nodes.count)
        #expect(edges.count == sample.graph.edges.count)
        #expect(paths.count == 1)
        #expect(root["layout"] == nil)
        let ids = nodes.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        let hostile = try #require(nodes.first { $0["id"] as? String == "workload:team-a/Deployment/web" })
        #expect(hostile["label"] as? String == PictureTestGraphs.hostile)
        #expect(hostile["file"] as? String == "manifests/app.yaml")
        #expect(hostile["line"] as? Int == 20)
        #expect(hostile["namespace"] as? String == "team-a")
        #expect(hostile["crownJewel"] is NSNull)
        let admin = try #require(nodes.first { $0["id"] as? String == "cluster-admin" })
        #expect(admin["crownJewel"] as? String == "cluster-admin")
        #expect(admin["namespace"] is NSNull && admin["file"] is NSNull)
        let first = try #require(edges.first { $0["kind"] as? String == "EXPOSED_BY_INGRESS" })
        #expect(first["from"] as? String == "internet")
        let mitre = try #require(first["mitre"] as? [String: Any])
        #expect(mitre["id"] as? String == "T1190")
        #expect(mitre["tactic"] as? String == "Initial Access")
        let path = paths[0]
        #expect(path["jewel"] as? String == "cluster-admin")
        #expect(path["severity"] as? String == "CRITICAL")
        #expect(path["length"] as? Int == 7)
        let pathNodes = try #require(path["nodes"] as? [String])
        #expect(pathNodes.first == "internet" && pathNodes.last == "cluster-admin" && pathNodes.count == 8)
        // Path edge indices point into this document's edges and chain the path's nodes.
        let pathEdges = try #require(path["edges"] as? [Int])
        for (step, index) in pathEdges.enumerated() {
            #expect(edges[index]["from"] as? String == pathNodes[step])
            #expect(edges[index]["to"] as? String == pathNodes[step + 1])
        }
    }

    @Test func jsonWriterEscapesPerRFC8259() throws {
        var writer = PictureJSONWriter()
        writer.beginArray()
        writer.string("q\"b\\s/\u{0}\u{1f}\t\n\r\u{7f}é☃\u{1F600}</script>")
        writer.int(-3)
        writer.null()
        writer.bool(false)
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        #expect(writer.output == "[\"q\\\"b\\\\s/\\u0000\\u001f\\t\\n\\r\u{7f}é☃\u{1F600}</script>\",-3,null,false,{}]")
        let back = try #require(try JSONSerialization.jsonObject(with: Data(writer.output.utf8)) as? [Any])
        #expect(back[0] as? String == "q\"b\\s/\u{0}\u{1f}\t\n\r\u{7f}é☃\u{1F600}</script>")
        var html = PictureJSONWriter(escapeForHTMLScript: true)
        html.string("</script><!--&\u{2028}")
        #expect(html.output == "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\"")
    }

    @Test func emptyPathsAndPathsNamingMissingEdgesAreDropped() throws {
        var bad = sample
        bad.paths.append(AttackPath(edges: [0, 999], jewel: .nodeRoot))
        bad.paths.append(AttackPath(edges: [-1], jewel: .nodeRoot))
        bad.paths.append(AttackPath(edges: [], jewel: .nodeRoot))
        let json = try PictureTestGraphs.picture(bad).render(.json)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((root["paths"] as? [Any])?.count == 1)
    }

    /// Opening minus closing characters outside double-quoted strings (with backslash escapes).
    static func unquotedBalance(_ text: String, open: Character, close: Character) -> Int {
        var depth = 0
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = quoted
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted && character == open {
                depth += 1
            } else if !quoted && character == close {
                depth -= 1
            }
        }
        return depth
    }
}
