/// `--format json`: `{"title", "nodes", "edges", "paths"}`. Edges name their ends by node id; a
/// path lists its node ids and the indices of its edges in this document's `edges` array.
/// The HTML page embeds the same document plus a `layout` member with the built-in layout's
/// coordinates, so the page's script never lays anything out.
struct GraphJSONRenderer {
    let view: PictureView
    let title: String
    /// Coordinates to embed (for the HTML page); `nil` for `--format json`.
    var layout: LayeredLayout.Result? = nil
    var escapeForHTMLScript = false

    func render() -> String {
        let graph = view.graph
        var json = PictureJSONWriter(
            escapeForHTMLScript: escapeForHTMLScript, capacity: 256 * (graph.nodes.count + graph.edges.count) + 64)
        json.beginObject()
        json.member("title", title)
        json.key("nodes")
        json.beginArray()
        for index in view.nodeOrder {
            let node = graph.nodes[index]
            json.beginObject()
            json.member("id", node.id)
            json.member("kind", node.kind.rawValue)
            json.member("label", node.label)
            json.member("namespace", node.namespace)
            json.member("file", node.location?.file)
            json.member("line", node.location?.line)
            json.member("crownJewel", node.crownJewel?.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("edges")
        json.beginArray()
        for index in view.edgeOrder {
            let edge = graph.edges[index]
            json.beginObject()
            json.member("from", graph.nodes[edge.from].id)
            json.member("to", graph.nodes[edge.to].id)
            json.member("kind", edge.kind.rawValue)
            let mitre = edge.kind.mitre
            json.key("mitre")
            json.beginObject()
            json.member("id", mitre.id)
            json.member("name", mitre.name)
            json.member("tactic", mitre.tactic)
            json.endObject()
            json.member("reason", edge.reason)
            json.member("file", edge.location?.file)
            json.member("line", edge.location?.line)
            json.endObject()
        }
        json.endArray()
        json.key("paths")
        json.beginArray()
        for path in view.paths {
            json.beginObject()
            json.member("jewel", path.jewel.rawValue)
            json.member("severity", path.jewel.severity.rawValue)
            json.member("length", path.length)
            json.key("nodes")
            json.beginArray()
            for node in path.nodes(in: graph) { json.string(graph.nodes[node].id) }
            json.endArray()
            json.key("edges")
            json.beginArray()
            for edge in path.edges { json.int(view.edgeRank[edge]) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        if let layout { writeLayout(layout, into: &json) }
        json.endObject()
        return json.output
    }

    /// `layout`: canvas size, `[x, y, width, height]` per node (centre, in `nodes` order), the
    /// polyline `[x0, y0, x1, y1, …]` per edge (in `edges` order), the edges drawn against the
    /// layering to break a cycle, and each present edge kind's summary.
    private func writeLayout(_ layout: LayeredLayout.Result, into json: inout PictureJSONWriter) {
        json.key("layout")
        json.beginObject()
        json.member("width", layout.width)
        json.member("height", layout.height)
        json.key("nodes")
        json.beginArray()
        for index in view.nodeOrder {
            let box = layout.nodes[index]
            json.beginArray()
            json.int(box.x)
            json.int(box.y)
            json.int(box.width)
            json.int(box.height)
            json.endArray()
        }
        json.endArray()
        json.key("edges")
        json.beginArray()
        for index in view.edgeOrder {
            json.beginArray()
            for point in layout.edgeRoutes[index] {
                json.int(point.x)
                json.int(point.y)
            }
            json.endArray()
        }
        json.endArray()
        json.key("reversed")
        json.beginArray()
        for index in view.edgeOrder where layout.reversed[index] { json.int(view.edgeRank[index]) }
        json.endArray()
        // What each edge kind present means, for the page's details panel and filter tooltips.
        json.key("summaries")
        json.beginObject()
        for kind in Set(view.graph.edges.map(\.kind)).sorted() { json.member(kind.rawValue, kind.summary) }
        json.endObject()
        json.endObject()
    }
}
