import ArgumentParser
import PalisadeKube

/// How `rbac` commands print their answer.
enum RBACFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// The manifests and output format of the `rbac` query commands.
struct RBACInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @Option(help: "Output format: table or json.")
    var format: RBACFormat = .table

    @OptionGroup var policy: RBACPolicyOptions

    func loadPolicy() throws -> RBACPolicy { try policy.loadPolicy(paths) }
}

/// How manifests become a policy; shared by every `rbac` command.
struct RBACPolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("k8s-version"),
        help: ArgumentHelp(
            "Kubernetes version of the built-in roles: latest (1.33 or later) or 1.20 (a patch release like 1.20.15 "
                + "selects 1.20).", valueName: "VERSION"))
    var k8sVersion = "latest"

    @Flag(
        name: .customLong("no-builtin-roles"),
        help: "Do not add the Kubernetes bootstrap roles and bindings (cluster-admin, admin, edit, view, system:*).")
    var noBuiltinRoles = false

    @Option(
        name: .customLong("default-namespace"),
        help: ArgumentHelp(
            "Namespace of Roles and RoleBindings that have none in their metadata (as kubectl apply -n).",
            valueName: "NS"))
    var defaultNamespace = "default"

    /// The `--k8s-version` as parsed (`validate` refused anything else).
    var version: BootstrapPolicy.Version { BootstrapPolicy.Version(parsing: k8sVersion) ?? .latest }

    func validate() throws {
        guard BootstrapPolicy.Version(parsing: k8sVersion) != nil else {
            throw ValidationError(
                "unsupported --k8s-version '\(k8sVersion)'; available: \(BootstrapPolicy.versions.joined(separator: ", "))"
            )
        }
    }

    /// Loads the manifests into a policy. Unreadable or invalid inputs make any answer incomplete,
    /// so each is printed as one `palisade: error:` line and the command exits 2; policy issues
    /// (missing roles, duplicates) are printed to stderr and the answer is still given.
    func loadPolicy(_ paths: [String]) throws -> RBACPolicy { try loadPolicyAndObjects(paths).policy }

    /// The policy and the objects it came from (escalations look at the pods' service accounts).
    func loadPolicyAndObjects(_ paths: [String]) throws -> (policy: RBACPolicy, objects: [KubeObject]) {
        let (inputs, discoveryErrors) = ManifestDiscovery.expand(paths)
        let loaded = KubeObjectLoader().load(inputs)
        let errors = discoveryErrors + loaded.errors
        if !errors.isEmpty {
            for error in errors { StandardStreams.error("palisade: error: \(error)") }
            throw ExitCode(2)
        }
        let policy = RBACPolicy(
            objects: loaded.objects, builtInRoles: !noBuiltinRoles, defaultNamespace: defaultNamespace,
            k8sVersion: version)
        for issue in policy.issues { StandardStreams.error(issue.description) }
        return (policy, loaded.objects)
    }
}

/// The request words shared by `who-can` and `can`.
struct RBACRequestOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, help: ArgumentHelp("Namespace of the request; omit for cluster-wide.", valueName: "NS"))
    var namespace: String?

    @Option(help: ArgumentHelp("Name of the object (for rules restricted by resourceNames).", valueName: "NAME"))
    var name: String = ""

    @Option(
        name: .customLong("api-group"),
        help: ArgumentHelp(
            "API group of the resource (default: known from the resource name, else core).", valueName: "GROUP"))
    var apiGroup: String?

    /// The request, its notes printed to stderr.
    func request(verb: String, resource: String) -> RBACRequest {
        let parsed = RBACRequest.parse(
            verb: verb, resource: resource, namespace: namespace, name: name, apiGroup: apiGroup)
        for note in parsed.notes { StandardStreams.error("note: \(note)") }
        return parsed.request
    }
}
