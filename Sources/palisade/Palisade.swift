import ArgumentParser
import Foundation

/// The `palisade` command. `main` is custom so that usage errors exit 2 with one line and a
/// hint (swift-argument-parser's default is 64 and a full usage dump).
@main
struct Palisade: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "palisade",
        abstract: "Security scanner for Kubernetes manifests, Dockerfiles and containers.",
        discussion: """
            Exit codes: 0 no findings (or --exit-code not set), N (--exit-code N) findings remain after \
            filtering, 2 input or usage error.
            """,
        version: version,
        subcommands: [
            K8sCommand.self, ImageCommand.self, DockerfileCommand.self, SBOMCommand.self, DBCommand.self,
            RegistryCommand.self, AdmissionCommand.self, SeccompCommand.self, RBACCommand.self, PathsCommand.self,
            NetPolCommand.self,
            RulesCommand.self, BenchVulnCommand.self,
            BenchSecretsCommand.self, BenchAdmissionCommand.self, BenchSeccompCommand.self, BenchClusterCommand.self,
        ])

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardStreams.error("palisade: error: \(message(for: error))")
                StandardStreams.error("hint: run '\(commandPath()) --help' for usage")
                Foundation.exit(2)
            }
            if code == .success {
                // --help, --version: argument parser prints them.
                exit(withError: error)
            }
            StandardStreams.error("palisade: error: \(message(for: error))")
            Foundation.exit(2)
        }
    }

    /// `palisade k8s` or `palisade rules explain`: the subcommand the user was typing, for the hint.
    static func commandPath() -> String {
        var path = ["palisade"]
        var commands: [any ParsableCommand.Type] = configuration.subcommands
        for arg in CommandLine.arguments.dropFirst() {
            guard let next = commands.first(where: { $0._commandName == arg }) else { break }
            path.append(arg)
            commands = next.configuration.subcommands
        }
        return path.joined(separator: " ")
    }
}
