import ArgumentParser
import PalisadeKube

/// `palisade rbac show SUBJECT PATH...`: everything a subject may do, cluster-wide and per namespace.
struct RBACShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "List a subject's effective permissions, cluster-wide and per namespace.",
        discussion: """
            Rules granted the same way (same API groups, resources, names or URLs) are merged per scope, their \
            verbs combined; each line lists the bindings it comes from. Cluster-wide permissions apply in every \
            namespace too.
            """)

    @Argument(help: ArgumentHelp("user:NAME, group:NAME or sa:NAMESPACE:NAME.", valueName: "SUBJECT"))
    var subject: String

    @Option(
        name: .customLong("as-group"),
        help: ArgumentHelp("A further group the subject is in (repeatable).", valueName: "GROUP"))
    var asGroups: [String] = []

    @OptionGroup var input: RBACInputOptions

    func run() async throws {
        let parsed = try RBACSubjectArgument.parse(subject)
        let policy = try input.loadPolicy()
        let identity = RBACIdentity(parsed, extraGroups: asGroups)
        let merged = RBACPermissionSummary(RBACAuthorizer(policy: policy).permissions(of: identity))
        switch input.format {
        case .json:
            let scopes = merged.scopes.map { scope in
                RBACJSON.object([
                    ("namespace", RBACJSON.optional(scope.namespace)),
                    ("permissions", RBACJSON.array(scope.entries.map(Self.json))),
                ])
            }
            StandardStreams.output(
                RBACJSON.object([
                    ("subject", RBACJSON.subject(parsed)), ("user", RBACJSON.optional(identity.userName)),
                    ("groups", RBACJSON.strings(identity.groups)), ("scopes", RBACJSON.array(scopes)),
                    ("issues", RBACJSON.issues(policy.issues)),
                ]) + "\n")
        case .table:
            var text = "Permissions of \(parsed.label)"
            if let user = identity.userName { text += " (user \(user))" }
            text += "; groups: " + identity.groups.joined(separator: ", ") + "\n"
            if merged.scopes.isEmpty { text += "\nnone\n" }
            for scope in merged.scopes {
                text +=
                    "\n" + (scope.namespace.map { "namespace \($0)" } ?? "cluster-wide (applies in every namespace)")
                text += "\n"
                let rows = scope.entries.map { e in
                    [
                        e.verbs.joined(separator: ","),
                        e.apiGroups.map { $0.isEmpty ? "core" : $0 }.joined(separator: ","),
                        e.nonResourceURLs.isEmpty
                            ? e.resources.joined(separator: ",") : e.nonResourceURLs.joined(separator: ","),
                        e.resourceNames.isEmpty ? "*" : e.resourceNames.joined(separator: ","),
                        e.via.joined(separator: "; "),
                    ]
                }
                text += RBACTable.render(["VERBS", "API GROUPS", "RESOURCES/URLS", "NAMES", "VIA"], rows)
            }
            StandardStreams.output(text)
        }
    }

    private static func json(_ e: RBACPermissionSummary.Entry) -> String {
        RBACJSON.object([
            ("verbs", RBACJSON.strings(e.verbs)), ("apiGroups", RBACJSON.strings(e.apiGroups)),
            ("resources", RBACJSON.strings(e.resources)), ("resourceNames", RBACJSON.strings(e.resourceNames)),
            ("nonResourceURLs", RBACJSON.strings(e.nonResourceURLs)), ("via", RBACJSON.strings(e.via)),
        ])
    }
}
