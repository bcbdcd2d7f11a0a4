/// The pictures `palisade paths --format` draws of an attack graph.
public enum GraphPictureFormat: String, Sendable, CaseIterable {
    /// Graphviz source, for `dot -Tpng` and editors that read DOT.
    case dot
    /// A standalone SVG image, laid out by Graphviz when installed, else by ``LayeredLayout``.
    case svg
    /// A Mermaid flowchart, which GitHub and GitLab render inside Markdown.
    case mermaid
    /// Nodes, edges and paths for other tools.
    case json
    /// One self-contained interactive page: pan, zoom, search, filters and highlighted paths.
    case html
}

/// Who lays out `--format svg`.
public enum SVGLayoutChoice: String, Sendable, CaseIterable {
    /// Graphviz's `dot` when it is on PATH and the graph is small enough for it, else the built-in layout.
    case auto
    /// Graphviz's `dot`; an error when it is missing or fails.
    case graphviz
    /// The built-in layered layout: no external program.
    case builtIn = "builtin"
}
