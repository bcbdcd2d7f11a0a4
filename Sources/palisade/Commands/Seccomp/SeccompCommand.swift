import ArgumentParser

/// `palisade seccomp …`: seccomp profiles from observed syscalls — record or read strace output,
/// generate a profile, run a command under it, grade and compare profiles.
struct SeccompCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seccomp",
        abstract: "Generate, test, grade and compare seccomp profiles from observed syscalls.",
        subcommands: [
            SeccompRecordCommand.self, SeccompGenerateCommand.self, SeccompExecCommand.self, SeccompCheckCommand.self,
            SeccompDiffCommand.self,
        ])
}
