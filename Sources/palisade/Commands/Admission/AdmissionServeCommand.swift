import ArgumentParser

/// Placeholder until its issue-6 part lands.
struct AdmissionServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Not built yet.")

    func run() async throws { throw ValidationError("'palisade admission serve' is not built yet") }
}
