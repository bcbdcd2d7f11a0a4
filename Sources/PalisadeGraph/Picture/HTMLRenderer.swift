/// `--format html`: one self-contained page. The graph, the attack paths and the built-in layout's
/// coordinates are embedded as JSON in a `<script type="application/json">` element; inline CSS and
/// a small vanilla script draw the SVG and handle pan, zoom, search, filters, paths and details.
/// A Content-Security-Policy of `default-src 'none'` makes the browser refuse any fetch, so the
/// page provably works offline.
struct HTMLRenderer {
    let view: PictureView
    let title: String

    func render() -> String {
        let layout = LayeredLayout.layout(view)
        let data = GraphJSONRenderer(view: view, title: title, layout: layout, escapeForHTMLScript: true).render()
        let escapedTitle = PictureEscaping.xml(title)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        out += "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        out += "<title>\(escapedTitle)</title>\n<style>\n\(HTMLAssets.css)\(kindStyles())</style>\n</head>\n<body>\n"
        // Errors first, with the handler installed before anything else runs: the browser test
        // reads this element to assert the page ran cleanly.
        out += "<div id=\"errors\" role=\"alert\"></div>\n"
        out += "<script>\n\(HTMLAssets.errorHandler)</script>\n"
        out += "<header><h1>\(escapedTitle)</h1>"
        out += "<input id=\"search\" type=\"search\" placeholder=\"Search nodes by name or id\" autocomplete=\"off\">"
        out += "<span id=\"search-count\"></span>"
        out += "<span class=\"zoom\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>"
        out += "<button id=\"zoom-out\" title=\"Zoom out\">&#8722;</button>"
        out += "<button id=\"zoom-fit\" title=\"Fit the graph\">Fit</button></span>"
        out += "<span id=\"stats\"></span></header>\n"
        out += "<aside id=\"left\">\n<h2>Namespaces</h2><div id=\"namespace-filters\" class=\"filters\"></div>\n"
        out += "<h2>Edge kinds</h2><div id=\"kind-filters\" class=\"filters\"></div>\n"
        out += "<h2>Node kinds</h2><ul id=\"legend\">\(legend())<li><span class=\"swatch jewel-swatch\"></span>"
        out += "crown jewel</li><li><span class=\"line-swatch\"></span>attack path</li></ul>\n</aside>\n"
        out += "<main id=\"main\"><svg id=\"canvas\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
        out +=
            "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"\(NodeStyle.edgeColor)\"/>"
        out += "</marker><marker id=\"arrow-path\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" "
        out +=
            "markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"\(NodeStyle.pathColor)\"/>"
        out += "</marker></defs><g id=\"viewport\"><g id=\"edges\"></g><g id=\"nodes\"></g></g></svg>"
        out += "<div id=\"empty\" hidden>No attack surface found: nothing reachable in these manifests.</div></main>\n"
        out += "<aside id=\"right\">\n<h2>Attack paths</h2><ol id=\"paths\"></ol>\n"
        out += "<h2>Details</h2><div id=\"details\"><p class=\"hint\">Click a node or an edge.</p></div>\n</aside>\n"
        out += "<script type=\"application/json\" id=\"graph-data\">\(data)</script>\n"
        out += "<script>\n\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    /// Fill and outline per node kind, from the same table as the other formats.
    private func kindStyles() -> String {
        var out = ""
        for kind in GraphNodeKind.allCases {
            let style = NodeStyle.of(kind)
            out += ".k-\(kind.rawValue) rect { fill: \(style.fill); stroke: \(style.stroke); }\n"
            out += ".swatch.k-\(kind.rawValue) { background: \(style.fill); border-color: \(style.stroke); }\n"
        }
        return out
    }

    private func legend() -> String {
        let present = Set(view.graph.nodes.map(\.kind))
        return GraphNodeKind.allCases.filter { present.contains($0) || present.isEmpty }
            .map { "<li><span class=\"swatch k-\($0.rawValue)\"></span>\($0.rawValue)</li>" }
            .joined()
    }
}
