import Foundation

/// The one entry point for pictures of an attack graph: `GraphPicture(graph:paths:title:)`, then
/// `render(.html)`. Every format shows the same nodes and edges in the same order, with the given
/// attack paths highlighted.
public struct GraphPicture: Sendable {
    public var graph: AttackGraph
    public var paths: [AttackPath]
    public var title: String
    /// Graphviz is only asked to lay out graphs up to this many nodes under `--svg-layout auto`:
    /// beyond it `dot` takes minutes, and the built-in layout takes milliseconds.
    public var graphvizNodeLimit = 1500
    /// How long `dot` may run.
    public var graphvizTimeoutSeconds = 60

    public init(graph: AttackGraph, paths: [AttackPath] = [], title: String = "Palisade attack graph") {
        self.graph = graph
        self.paths = paths
        self.title = title
    }

    public func render(_ format: GraphPictureFormat, svgLayout: SVGLayoutChoice = .auto) throws(GraphPictureError)
        -> String
    {
        let view = PictureView(graph: graph, paths: paths)
        switch format {
        case .dot:
            return DotRenderer(view: view, title: title).render()
        case .mermaid:
            return MermaidRenderer(view: view, title: title).render()
        case .json:
            return GraphJSONRenderer(view: view, title: title).render()
        case .html:
            return HTMLRenderer(view: view, title: title).render()
        case .svg:
            switch svgLayout {
            case .builtIn:
                return SVGRenderer(view: view, title: title).render()
            case .graphviz:
                guard let dot = GraphvizRunner.locate() else { throw .graphvizNotFound }
                return try graphvizSVG(view, dot)
            case .auto:
                guard let dot = GraphvizRunner.locate(), graph.nodes.count <= graphvizNodeLimit else {
                    return SVGRenderer(view: view, title: title).render()
                }
                return try graphvizSVG(view, dot)
            }
        }
    }

    private func graphvizSVG(_ view: PictureView, _ dot: URL) throws(GraphPictureError) -> String {
        let source = DotRenderer(view: view, title: title).render()
        return try GraphvizRunner(executable: dot, timeoutSeconds: graphvizTimeoutSeconds).svg(fromDot: source)
    }
}
