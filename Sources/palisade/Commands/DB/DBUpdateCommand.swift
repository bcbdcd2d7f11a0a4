import ArgumentParser

/// `palisade db update`: placeholder until the fetcher is merged.
struct DBUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Download OSV archives.")
}
