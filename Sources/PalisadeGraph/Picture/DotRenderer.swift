/// Graphviz DOT: nodes shaped and coloured by kind, one cluster per namespace, edges labelled with
/// their kind and MITRE technique, attack-path edges bold and red.
struct DotRenderer {
    let view: PictureView
    let title: String
    /// One cluster per namespace. Graphviz 2.43 can fail ("trouble in init_rank") on clusters with
    /// many edges between them, so the Graphviz SVG path retries without.
    var clusters = true

    func render() -> String {
        let graph = view.graph
        var out = "digraph \"\(PictureEscaping.dot(title))\" {\n"
        out += "  graph [rankdir=TB, fontname=\"Helvetica\", label=\"\(PictureEscaping.dot(title))\", labelloc=t, "
        out += "nodesep=0.4, ranksep=0.7];\n"
        out += "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"\(NodeStyle.edgeColor)\"];\n"
        if graph.nodes.isEmpty {
            out += "  \"empty\" [shape=plaintext, style=\"\", label=\"no attack surface found\"];\n"
        }
        // Cluster-scoped nodes first, then one cluster per namespace, each in id order.
        var byNamespace: [String: [Int]] = [:]
        var clusterScoped: [Int] = []
        for index in view.nodeOrder {
            if let namespace = graph.nodes[index].namespace {
                byNamespace[namespace, default: []].append(index)
            } else {
                clusterScoped.append(index)
            }
        }
        for index in clusterScoped { out += nodeLine(index, indent: "  ") }
        for namespace in view.namespaces where !clusters {
            for index in byNamespace[namespace] ?? [] { out += nodeLine(index, indent: "  ") }
        }
        for (clusterIndex, namespace) in view.namespaces.enumerated() where clusters {
            out += "  subgraph \"cluster_\(clusterIndex)\" {\n"
            out += "    label=\"namespace \(PictureEscaping.dot(namespace))\"; style=\"rounded,dashed\"; "
            out += "color=\"#94a3b8\"; fontcolor=\"#475569\";\n"
            for index in byNamespace[namespace] ?? [] { out += nodeLine(index, indent: "    ") }
            out += "  }\n"
        }
        for index in view.edgeOrder { out += edgeLine(index) }
        out += "}\n"
        return out
    }

    private func nodeLine(_ index: Int, indent: String) -> String {
        let node = view.graph.nodes[index]
        let style = NodeStyle.of(node.kind)
        var attributes = [
            "label=\"\(PictureEscaping.dot(node.label))\"",
            "shape=\(style.dotShape)",
            "fillcolor=\"\(style.fill)\"",
            "tooltip=\"\(PictureEscaping.dot(view.nodeTooltip(node)))\"",
        ]
        if node.crownJewel != nil {
            attributes.append("color=\"\(NodeStyle.jewelStroke)\"")
            attributes.append("penwidth=3")
            attributes.append("peripheries=2")
        } else {
            attributes.append("color=\"\(style.stroke)\"")
            if view.nodeOnPath[index] { attributes.append("penwidth=2") }
        }
        return "\(indent)\"\(PictureEscaping.dot(node.id))\" [\(attributes.joined(separator: ", "))];\n"
    }

    private func edgeLine(_ index: Int) -> String {
        let edge = view.graph.edges[index]
        let from = view.graph.nodes[edge.from].id
        let to = view.graph.nodes[edge.to].id
        var attributes = [
            "label=\"\(edge.kind.rawValue)\\n\(edge.kind.mitre.id)\"",
            "tooltip=\"\(PictureEscaping.dot(view.edgeTooltip(edge)))\"",
        ]
        if view.edgeOnPath[index] {
            attributes.append("color=\"\(NodeStyle.pathColor)\"")
            attributes.append("fontcolor=\"\(NodeStyle.pathColor)\"")
            attributes.append("penwidth=2.5")
            attributes.append("style=bold")
        }
        return
            "  \"\(PictureEscaping.dot(from))\" -> \"\(PictureEscaping.dot(to))\" [\(attributes.joined(separator: ", "))];\n"
    }
}
