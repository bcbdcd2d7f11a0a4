import ArgumentParser

/// Placeholder until its issue-6 part lands.
struct AdmissionManifestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "manifests", abstract: "Not built yet.")

    func run() async throws { throw ValidationError("'palisade admission manifests' is not built yet") }
}
