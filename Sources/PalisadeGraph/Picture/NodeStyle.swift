/// How each node kind looks, shared by DOT, SVG, Mermaid and the HTML legend so a kind has one
/// colour everywhere. Colours are light fills readable under black text.
struct NodeStyle {
    let fill: String
    let stroke: String
    /// Graphviz shape name.
    let dotShape: String
    /// Mermaid's opening and closing brackets for the shape.
    let mermaidOpen: String
    let mermaidClose: String

    static func of(_ kind: GraphNodeKind) -> NodeStyle {
        switch kind {
        case .internet: NodeStyle("#fde2e2", "#b91c1c", "ellipse", "((", "))")
        case .ingress: NodeStyle("#fff1d6", "#b45309", "invhouse", "[/", "\\]")
        case .service: NodeStyle("#fff7c2", "#a16207", "box", "([", "])")
        case .workload: NodeStyle("#dbeafe", "#1d4ed8", "box", "[", "]")
        case .container: NodeStyle("#e0f2fe", "#0369a1", "box", "[", "]")
        case .serviceAccount: NodeStyle("#ede9fe", "#6d28d9", "ellipse", "(", ")")
        case .user: NodeStyle("#f3e8ff", "#7e22ce", "ellipse", "(", ")")
        case .group: NodeStyle("#fae8ff", "#a21caf", "ellipse", "(", ")")
        case .role: NodeStyle("#dcfce7", "#15803d", "hexagon", "{{", "}}")
        case .secret: NodeStyle("#f1f5f9", "#475569", "cylinder", "[(", ")]")
        case .namespaceSecrets: NodeStyle("#e2e8f0", "#334155", "cylinder", "[(", ")]")
        case .node: NodeStyle("#ffedd5", "#c2410c", "box3d", "[[", "]]")
        case .clusterScope: NodeStyle("#fef9c3", "#854d0e", "component", "[[", "]]")
        case .clusterAdmin: NodeStyle("#fecaca", "#991b1b", "doubleoctagon", "{{", "}}")
        }
    }

    private init(_ fill: String, _ stroke: String, _ dotShape: String, _ mermaidOpen: String, _ mermaidClose: String) {
        self.fill = fill
        self.stroke = stroke
        self.dotShape = dotShape
        self.mermaidOpen = mermaidOpen
        self.mermaidClose = mermaidClose
    }

    /// Crown jewels get a thick dark-red outline in every format.
    static let jewelStroke = "#7f1d1d"
    /// Edges on an attack path.
    static let pathColor = "#dc2626"
    static let edgeColor = "#64748b"
}
