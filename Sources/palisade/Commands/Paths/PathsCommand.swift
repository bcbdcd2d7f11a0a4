import ArgumentParser
import PalisadeCore
import PalisadeGraph
import PalisadeKube
import PalisadeReport

/// `palisade paths PATH...`: the attack graph of the manifests and its shortest paths from the
/// internet (or from `--from NODE-ID`) to the crown jewels, as PATH-* findings (chain spelled
/// out) plus GRAPH-* findings for input the graph could only partly use.
struct PathsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract:
            "Report attack paths from internet-exposed workloads to cluster-admin, kube-system Secrets and node root.",
        discussion: """
            Builds one graph over exposure (LoadBalancer, NodePort, Ingress, hostPort), NetworkPolicy \
            reachability, workload posture (tokens, Secrets, container escapes) and RBAC (built-in roles and \
            aggregation included), then reports the shortest path of every exposed workload to each crown \
            jewel, most severe and shortest first. Node ids for --from: workload:NS/KIND/NAME, sa:NS/NAME, \
            service:NS/NAME, role:ClusterRole/NAME, ... (see docs/paths.md).
            """)

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @Option(
        help: ArgumentHelp(
            "Report paths from this node (e.g. workload:shop/Deployment/web, assumed compromised) instead of "
                + "from the internet.", valueName: "NODE-ID"))
    var from: String?

    @Option(
        name: .customLong("max-paths"),
        help: ArgumentHelp("Report at most N paths (the most severe, shortest first).", valueName: "N"))
    var maxPaths: Int?

    @OptionGroup var policyOptions: RBACPolicyOptions
    @OptionGroup var outputOptions: PathsOutputOptions
    @OptionGroup var filterOptions: FilterOptions

    func validate() throws {
        try filterOptions.validateRuleIds(against: RuleCatalog(AttackPathFindings.rules))
        if let maxPaths, maxPaths < 0 { throw ValidationError("--max-paths must be 0 or more") }
    }

    func run() async throws {
        if let picture = outputOptions.format.picture { return try draw(picture) }
        let ignores = try filterOptions.loadIgnoresOrExit()
        let filter = FindingFilter(severities: filterOptions.severities, ignores: ignores, today: FilterOptions.today())
        var report = ScanReport(
            toolVersion: Palisade.version, command: "paths", targets: paths, findings: [],
            rules: AttackPathFindings.rules)
        let writer = try OutputOptions.makeWriter(
            format: outputOptions.format.report, output: outputOptions.output, noColor: outputOptions.noColor,
            frame: report)
        let analysis = try analyse()
        let selection = filterOptions.selection
        let found = (analysis.findings + analysis.issues).filter { selection.isEnabled($0.ruleId) }
        let kept = filter.apply(found)
        for note in kept.notes { StandardStreams.error("note: \(note)") }
        writer.add(ReportWriter.prepare(kept.findings, with: writer.streaming))
        report.notes = kept.notes
        report.suppressed = kept.suppressed
        report.objectCount = analysis.objectCount
        report.fileCount = analysis.fileCount
        try writer.finish(report)
        if writer.totals.total > 0, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }

    /// Writes a picture of the graph with the paths highlighted. A large graph is cut down to the
    /// nodes the paths cross unless `--graph-scope full` asks for all of it. `--exit-code` still
    /// applies to the paths found, so a CI job can publish the picture and fail in one step.
    private func draw(_ format: GraphPictureFormat) throws {
        let sink: ReportSink
        do {
            sink = try ReportSink(output: outputOptions.output)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        let analysis = try analyse()
        var graph = analysis.graph
        var paths = analysis.paths
        let scope = outputOptions.graphScope
        if scope == .paths || (scope == .auto && graph.nodes.count > GraphScope.autoLimit) {
            if scope == .auto {
                StandardStreams.error(
                    "note: the graph has \(graph.nodes.count) nodes; drawing the \(paths.count) attack paths only "
                        + "(--graph-scope full draws everything)")
            }
            (graph, paths) = graph.focused(on: paths)
        }
        let title = "Palisade attack graph: " + self.paths.joined(separator: " ")
        do {
            sink.write(
                try GraphPicture(graph: graph, paths: paths, title: title).render(
                    format, svgLayout: outputOptions.svgLayout))
            try sink.commit()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        if !analysis.paths.isEmpty, filterOptions.exitCode != 0 { throw ExitCode(filterOptions.exitCode) }
    }

    /// The built graph, its ranked paths and their findings: what every output format starts from.
    /// Picture formats (dot, svg, mermaid, json graph, html) take `graph` and `paths` from here.
    struct Analysis {
        var graph: AttackGraph
        var paths: [AttackPath]
        var findings: [Finding]
        var issues: [Finding]
        var objectCount: Int
        var fileCount: Int
    }

    /// Loads the manifests, builds the graph and finds the paths. Unreadable inputs and an unknown
    /// `--from` node are one `palisade: error:` line each and exit 2.
    func analyse() throws -> Analysis {
        let (inputs, discoveryErrors) = ManifestDiscovery.expand(paths)
        let loaded = KubeObjectLoader().load(inputs)
        let errors = discoveryErrors + loaded.errors
        if !errors.isEmpty {
            for error in errors { StandardStreams.error("palisade: error: \(error)") }
            throw ExitCode(2)
        }
        let options = AttackGraphBuilder.Options(
            builtInRoles: !policyOptions.noBuiltinRoles, defaultNamespace: policyOptions.defaultNamespace,
            assumeCompromised: from.map { [$0] } ?? [], k8sVersion: policyOptions.version)
        let result = AttackGraphBuilder(objects: loaded.objects, options: options).build()
        let finder = AttackPathFinder(graph: result.graph)
        var found: [AttackPath]
        if let from {
            do {
                found = try finder.paths(from: from)
            } catch {
                StandardStreams.error("palisade: error: \(error)")
                throw ExitCode(2)
            }
            if let maxPaths { found = Array(found.prefix(maxPaths)) }
        } else {
            found = finder.paths(maxPaths: maxPaths)
        }
        return Analysis(
            graph: result.graph, paths: found, findings: AttackPathFindings.findings(found, in: result.graph),
            issues: result.issues, objectCount: loaded.objects.count, fileCount: inputs.count)
    }
}
