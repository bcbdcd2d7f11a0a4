import ArgumentParser
import PalisadeKube

/// `palisade rbac can SUBJECT VERB RESOURCE PATH...`: yes or no, with the rules that allow it.
struct RBACCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Answer whether a subject may make a request (yes/no), with the granting binding -> role -> rule.",
        discussion: """
            SUBJECT is user:NAME, group:NAME, sa:NAMESPACE:NAME or system:serviceaccount:NAMESPACE:NAME. Service \
            accounts are also in system:serviceaccounts, system:serviceaccounts:NAMESPACE and system:authenticated; \
            users in system:authenticated (plus any --as-group). Exits 0 for yes and no, unless --exit-code.
            """)

    @Argument(help: ArgumentHelp("user:NAME, group:NAME or sa:NAMESPACE:NAME.", valueName: "SUBJECT"))
    var subject: String

    @Argument(help: "The verb (get, list, create, impersonate, *...).")
    var verb: String

    @Argument(help: ArgumentHelp("The resource, RESOURCE/SUBRESOURCE, or a /non-resource/url.", valueName: "RESOURCE"))
    var resource: String

    @Option(
        name: .customLong("as-group"),
        help: ArgumentHelp("A further group the subject is in (repeatable).", valueName: "GROUP"))
    var asGroups: [String] = []

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when the answer is no.")
    var exitCode = false

    @OptionGroup var requestOptions: RBACRequestOptions
    @OptionGroup var input: RBACInputOptions

    func run() async throws {
        let parsed = try RBACSubjectArgument.parse(subject)
        let request = requestOptions.request(verb: verb, resource: resource)
        let policy = try input.loadPolicy()
        let grants = RBACAuthorizer(policy: policy).grants(RBACIdentity(parsed, extraGroups: asGroups), request)
        switch input.format {
        case .json:
            StandardStreams.output(
                RBACJSON.object([
                    ("allowed", grants.isEmpty ? "false" : "true"), ("subject", RBACJSON.subject(parsed)),
                    ("request", RBACJSON.request(request)), ("grants", RBACJSON.array(grants.map(RBACJSON.grant))),
                    ("issues", RBACJSON.issues(policy.issues)),
                ]) + "\n")
        case .table:
            var text = (grants.isEmpty ? "no" : "yes") + ": \(parsed.label) \(grants.isEmpty ? "cannot" : "can") "
            text += request.description + "\n"
            for g in grants { text += "  via \(g.path) (\(RBACTable.origin(g)))\n" }
            StandardStreams.output(text)
        }
        if grants.isEmpty && exitCode { throw ExitCode(1) }
    }
}

/// Parses a SUBJECT argument; bad syntax is one `palisade: error:` line and exit 2.
enum RBACSubjectArgument {
    static func parse(_ text: String) throws -> RBACSubject {
        guard let subject = RBACSubject.parse(text) else {
            StandardStreams.error(
                "palisade: error: invalid subject '\(text)'; use user:NAME, group:NAME, sa:NAMESPACE:NAME or "
                    + "system:serviceaccount:NAMESPACE:NAME")
            throw ExitCode(2)
        }
        return subject
    }
}
