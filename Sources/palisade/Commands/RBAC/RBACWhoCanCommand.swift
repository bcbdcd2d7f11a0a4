import ArgumentParser
import PalisadeKube

/// `palisade rbac who-can VERB RESOURCE PATH...`: every subject allowed, with the binding, role and
/// rule that allows it. `impersonate` is a verb like any other (`who-can impersonate users`).
struct RBACWhoCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List every subject allowed to make a request, and the binding -> role -> rule that allows it.",
        discussion: """
            RESOURCE is RESOURCE[/SUBRESOURCE], RESOURCE.GROUP[/SUBRESOURCE] (deployments.apps) or a non-resource \
            URL (/metrics). Groups are listed as groups: group:system:authenticated means every authenticated user.
            """)

    @Argument(help: "The verb (get, list, create, impersonate, *...).")
    var verb: String

    @Argument(help: ArgumentHelp("The resource, RESOURCE/SUBRESOURCE, or a /non-resource/url.", valueName: "RESOURCE"))
    var resource: String

    @OptionGroup var requestOptions: RBACRequestOptions
    @OptionGroup var input: RBACInputOptions

    func run() async throws {
        let request = requestOptions.request(verb: verb, resource: resource)
        let policy = try input.loadPolicy()
        let found = RBACAuthorizer(policy: policy).whoCan(request)
        switch input.format {
        case .json:
            let subjects = found.map { entry in
                RBACJSON.object([("subject", RBACJSON.subject(entry.subject)), ("grant", RBACJSON.grant(entry.grant))])
            }
            StandardStreams.output(
                RBACJSON.object([
                    ("request", RBACJSON.request(request)), ("subjects", RBACJSON.array(subjects)),
                    ("issues", RBACJSON.issues(policy.issues)),
                ]) + "\n")
        case .table:
            var text = "Who can \(request.description):\n"
            if found.isEmpty {
                text += "nobody\n"
            } else {
                let rows = found.map { e in
                    [
                        e.subject.label, e.grant.binding.label, e.grant.role.label(of: e.grant.rule),
                        RBACTable.origin(e.grant),
                    ]
                }
                text += RBACTable.render(["SUBJECT", "BINDING", "ROLE RULE", "SOURCE"], rows)
                let distinct = Set(found.map(\.subject)).count
                text += "\(distinct) subject\(distinct == 1 ? "" : "s")\n"
            }
            StandardStreams.output(text)
        }
    }
}
