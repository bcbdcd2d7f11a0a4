import ArgumentParser

/// Placeholder until its issue-6 part lands.
struct AdmissionReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Not built yet.")

    func run() async throws { throw ValidationError("'palisade admission replay' is not built yet") }
}
