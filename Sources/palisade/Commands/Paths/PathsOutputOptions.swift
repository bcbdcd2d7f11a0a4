import ArgumentParser
import PalisadeGraph
import PalisadeReport

/// What `palisade paths` writes: a findings report (the PATH-* chains) or a picture of the graph.
enum PathsFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    /// The findings report as JSON (`palisade k8s --format json`'s schema); `json` is the graph.
    case reportJSON = "report-json"
    case sarif, junit, markdown
    case dot, svg, mermaid, json, html

    /// The picture format, or nil for a findings report.
    var picture: GraphPictureFormat? {
        switch self {
        case .dot: .dot
        case .svg: .svg
        case .mermaid: .mermaid
        case .json: .json
        case .html: .html
        case .table, .reportJSON, .sarif, .junit, .markdown: nil
        }
    }

    var report: ReportFormat {
        switch self {
        case .reportJSON: .json
        case .sarif: .sarif
        case .junit: .junit
        case .markdown: .markdown
        default: .table
        }
    }
}

/// How much of the graph a picture shows.
enum GraphScope: String, ExpressibleByArgument, CaseIterable {
    /// Everything up to `autoLimit` nodes, else the nodes the attack paths cross.
    case auto
    case full
    case paths

    static let autoLimit = 2_000
}

extension SVGLayoutChoice: ExpressibleByArgument {}

struct PathsOutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Output: table, report-json, sarif, junit or markdown (the PATH-* findings), or a picture of the graph: "
                + "dot, svg, mermaid, json (nodes, edges, paths) or html (self-contained, offline).",
            valueName: "FORMAT"))
    var format: PathsFormat = .table

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write to FILE instead of stdout (atomically: the file is complete or untouched).", valueName: "FILE"))
    var output: String?

    @Flag(name: .customLong("no-color"), help: "Never use ANSI colours (also: NO_COLOR environment variable).")
    var noColor = false

    @Option(
        name: .customLong("graph-scope"),
        help: ArgumentHelp(
            "Pictures: the full graph, only the nodes on attack paths, or auto (full up to "
                + "\(GraphScope.autoLimit) nodes, else paths).", valueName: "auto|full|paths"))
    var graphScope: GraphScope = .auto

    @Option(
        name: .customLong("svg-layout"),
        help: ArgumentHelp(
            "Layout of --format svg: auto (Graphviz's dot up to 300 nodes when installed, else built-in), "
                + "graphviz or builtin.", valueName: "auto|graphviz|builtin"))
    var svgLayout: SVGLayoutChoice = .auto
}
