import ArgumentParser

/// `palisade netpol …`: NetworkPolicy reachability over manifests. Wiring only: the model, the
/// evaluator and the findings live in PalisadeKube's Network folder.
struct NetPolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netpol",
        abstract: "NetworkPolicy reachability: who can connect to whom, a matrix, and findings.",
        discussion: """
            Policies are evaluated with Kubernetes semantics: a pod no policy of a direction selects is open in \
            that direction; a connection needs egress from the source AND ingress to the destination. Pods and \
            workloads (through their pod template) are the endpoints; "internet" means any public address.
            """,
        subcommands: [NetPolCanReachCommand.self, NetPolMatrixCommand.self, NetPolFindingsCommand.self])
}
