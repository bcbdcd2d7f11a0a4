import ArgumentParser

/// `palisade db`: the embedded advisory database that `image` and `sbom scan` match against.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded OSV advisory database (import, update, status, export).",
        subcommands: [DBImportCommand.self, DBUpdateCommand.self, DBStatusCommand.self, DBExportCommand.self])
}
