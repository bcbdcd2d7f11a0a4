/// `--format svg` drawn from ``LayeredLayout`` without any external program: boxes coloured by
/// kind, crown jewels with a double dark-red outline, edges as polylines with arrowheads (path
/// edges red and on top, cycle-closing edges dashed), and a `<title>` tooltip on everything.
struct SVGRenderer {
    let view: PictureView
    let title: String

    static let titleHeight = 32

    func render() -> String {
        let graph = view.graph
        let layout = LayeredLayout.layout(view, top: Self.titleHeight)
        let width = max(layout.width, 360)
        let height = max(layout.height, 120)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(PictureEscaping.xml(title))</title>\n"
        out += "<defs>\n"
        out += marker(id: "arrow", color: NodeStyle.edgeColor)
        out += marker(id: "arrow-path", color: NodeStyle.pathColor)
        out += "</defs>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(LayeredLayout.margin)\" y=\"\(LayeredLayout.margin + 8)\" font-size=\"16\" "
        out += "font-weight=\"bold\" fill=\"#111827\">\(PictureEscaping.xml(title))</text>\n"
        if graph.nodes.isEmpty {
            out += "<text x=\"\(LayeredLayout.margin)\" y=\"\(LayeredLayout.margin + 48)\" fill=\"#475569\">"
            out += "no attack surface found</text>\n"
        }
        out += "<g id=\"edges\">\n"
        // Path edges last, so the red lines are drawn over the grey ones.
        for index in view.edgeOrder where !view.edgeOnPath[index] { out += edgeElement(index, layout) }
        for index in view.edgeOrder where view.edgeOnPath[index] { out += edgeElement(index, layout) }
        out += "</g>\n<g id=\"nodes\">\n"
        for index in view.nodeOrder { out += nodeElement(index, layout) }
        out += "</g>\n</svg>\n"
        return out
    }

    private func marker(id: String, color: String) -> String {
        "<marker id=\"\(id)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
            + "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"\(color)\"/></marker>\n"
    }

    private func edgeElement(_ index: Int, _ layout: LayeredLayout.Result) -> String {
        let edge = view.graph.edges[index]
        let onPath = view.edgeOnPath[index]
        var points = ""
        for (step, point) in layout.edgeRoutes[index].enumerated() {
            if step > 0 { points += " " }
            points += String(point.x)
            points += ","
            points += String(point.y)
        }
        var out = "<g class=\"edge\" id=\"e\(view.edgeRank[index])\" data-kind=\"\(edge.kind.rawValue)\">"
        out += "<title>\(PictureEscaping.xml(view.edgeTooltip(edge)))</title>"
        out += "<polyline points=\"\(points)\" fill=\"none\" "
        out += "stroke=\"\(onPath ? NodeStyle.pathColor : NodeStyle.edgeColor)\" "
        out += "stroke-width=\"\(onPath ? "2.5" : "1.2")\" "
        if layout.reversed[index] { out += "stroke-dasharray=\"5,3\" " }
        out += "marker-end=\"url(#\(onPath ? "arrow-path" : "arrow"))\"/></g>\n"
        return out
    }

    private func nodeElement(_ index: Int, _ layout: LayeredLayout.Result) -> String {
        let node = view.graph.nodes[index]
        let style = NodeStyle.of(node.kind)
        let box = layout.nodes[index]
        let left = box.x - box.width / 2
        let top = box.y - box.height / 2
        let jewel = node.crownJewel != nil
        var out = "<g class=\"node\" id=\"n\(view.nodeRank[index])\" data-kind=\"\(node.kind.rawValue)\">"
        out += "<title>\(PictureEscaping.xml(view.nodeTooltip(node)))</title>"
        if jewel {
            out += "<rect x=\"\(left - 4)\" y=\"\(top - 4)\" width=\"\(box.width + 8)\" height=\"\(box.height + 8)\" "
            out += "rx=\"9\" fill=\"none\" stroke=\"\(NodeStyle.jewelStroke)\" stroke-width=\"2\"/>"
        }
        out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(box.width)\" height=\"\(box.height)\" rx=\"6\" "
        out += "fill=\"\(style.fill)\" stroke=\"\(jewel ? NodeStyle.jewelStroke : style.stroke)\" "
        out += "stroke-width=\"\(jewel || view.nodeOnPath[index] ? 2 : 1)\"/>"
        let label = PictureEscaping.truncated(node.label, to: LayeredLayout.labelLimit)
        out += "<text x=\"\(box.x)\" y=\"\(box.y + 4)\" text-anchor=\"middle\" fill=\"#111827\">"
        out += "\(PictureEscaping.xml(label))</text></g>\n"
        return out
    }
}
