import ArgumentParser

/// `palisade registry`: the registry risk area (NIST SP 800-190 §4.2).
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "Audit a container registry's security.",
        subcommands: [RegistryAuditCommand.self])
}
