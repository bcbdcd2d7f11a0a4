import Foundation

/// The one entry point for pictures of an attack graph: `GraphPicture(graph:paths:title:)`, then
/// `render(.html)`. Every format shows the same nodes and edges in the same order, with the given
/// attack paths highlighted.
public struct GraphPicture: Sendable {
    public var graph: AttackGraph
    public var paths: [AttackPath]
    public var title: String
    /// Graphviz is only asked to lay out graphs up to this many nodes under `--svg-layout auto`:
    /// `dot` needs minutes for a few hundred densely linked nodes, the built-in layout milliseconds.
    public var graphvizNodeLimit = 300
    /// How long `dot` may run under `--svg-layout graphviz`.
    public var graphvizTimeoutSeconds = 60
    /// How long `dot` may run under `--svg-layout auto` before the built-in layout is used instead.
    public var graphvizAutoTimeoutSeconds = 20
    /// The `dot` executable; `nil` looks for it on PATH.
    public var graphvizExecutable: URL?

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
                guard let dot = graphvizExecutable ?? GraphvizRunner.locate() else { throw .graphvizNotFound }
                return try graphvizSVG(view, dot, timeout: graphvizTimeoutSeconds)
            case .auto:
                // Graphviz draws nicer small graphs; whenever it is missing, slow or failing, the
                // built-in layout still gives a picture.
                guard graph.nodes.count <= graphvizNodeLimit, let dot = graphvizExecutable ?? GraphvizRunner.locate(),
                    let svg = try? graphvizSVG(view, dot, timeout: graphvizAutoTimeoutSeconds)
                else {
                    return SVGRenderer(view: view, title: title).render()
                }
                return svg
            }
        }
    }

    /// `dot -Tsvg` on the DOT picture; when `dot` fails on the namespace clusters, once more without them.
    private func graphvizSVG(_ view: PictureView, _ dot: URL, timeout: Int) throws(GraphPictureError) -> String {
        let runner = GraphvizRunner(executable: dot, timeoutSeconds: timeout)
        do {
            return try runner.svg(fromDot: DotRenderer(view: view, title: title).render())
        } catch .graphvizFailed {
            return try runner.svg(fromDot: DotRenderer(view: view, title: title, clusters: false).render())
        }
    }
}
