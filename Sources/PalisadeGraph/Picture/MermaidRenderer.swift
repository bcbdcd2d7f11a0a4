/// A Mermaid flowchart, top to bottom. Node ids are `n0`, `n1`, … in id order (a manifest's names
/// never become Mermaid syntax); labels are quoted and entity-escaped; path edges are restyled red
/// with `linkStyle`, crown jewels with a class.
struct MermaidRenderer {
    let view: PictureView
    let title: String

    func render() -> String {
        let graph = view.graph
        var out = "---\ntitle: \"\(PictureEscaping.plain(title))\"\n---\nflowchart TB\n"
        if graph.nodes.isEmpty {
            out += "  empty[\"no attack surface found\"]\n"
            return out
        }
        var usedKinds = Set<GraphNodeKind>()
        for index in view.nodeOrder {
            let node = graph.nodes[index]
            let style = NodeStyle.of(node.kind)
            usedKinds.insert(node.kind)
            out += "  n\(view.nodeRank[index])\(style.mermaidOpen)\"\(PictureEscaping.mermaid(node.label))\""
            out += "\(style.mermaidClose):::\(className(node.kind))\n"
        }
        var pathLinks: [Int] = []
        for (linkIndex, edgeIndex) in view.edgeOrder.enumerated() {
            let edge = graph.edges[edgeIndex]
            let label = PictureEscaping.mermaid("\(edge.kind.rawValue) \(edge.kind.mitre.id)")
            let arrow = view.edgeOnPath[edgeIndex] ? "==>" : "-->"
            if view.edgeOnPath[edgeIndex] { pathLinks.append(linkIndex) }
            out += "  n\(view.nodeRank[edge.from]) \(arrow)|\"\(label)\"| n\(view.nodeRank[edge.to])\n"
        }
        for kind in GraphNodeKind.allCases where usedKinds.contains(kind) {
            let style = NodeStyle.of(kind)
            out += "  classDef \(className(kind)) fill:\(style.fill),stroke:\(style.stroke),color:#111\n"
        }
        let jewels = view.nodeOrder.filter { graph.nodes[$0].crownJewel != nil }.map { "n\(view.nodeRank[$0])" }
        if !jewels.isEmpty {
            out += "  classDef jewel stroke:\(NodeStyle.jewelStroke),stroke-width:4px\n"
            out += "  class \(jewels.joined(separator: ",")) jewel\n"
        }
        if !pathLinks.isEmpty {
            let links = pathLinks.map(String.init).joined(separator: ",")
            out += "  linkStyle \(links) stroke:\(NodeStyle.pathColor),stroke-width:3px\n"
        }
        return out
    }

    private func className(_ kind: GraphNodeKind) -> String { "k_\(kind.rawValue)" }
}
