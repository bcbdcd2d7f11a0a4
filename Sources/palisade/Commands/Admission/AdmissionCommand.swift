import ArgumentParser

/// `palisade admission …`: the Kubernetes admission webhook, its install manifests, and replaying
/// audit logs through a candidate policy before it is enforced.
struct AdmissionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admission",
        abstract: "Enforce Palisade's Kubernetes rules at deploy time (admission webhook).",
        subcommands: [AdmissionServeCommand.self, AdmissionManifestsCommand.self, AdmissionReplayCommand.self])
}
