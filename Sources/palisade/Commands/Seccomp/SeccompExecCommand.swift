import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeSeccomp

/// `palisade seccomp exec --profile FILE -- CMD ARGS...`: runs a command under a seccomp profile,
/// the way runc would apply it in a container, to try a profile before shipping it. The filter is
/// compiled with libseccomp (loaded at run time) in this process, loaded, and the process is
/// replaced by the command: its exit code and signals are the command's own. Wiring only; the
/// work is PalisadeSeccomp's `SeccompFilterCompiler` and `SeccompLauncher`.
struct SeccompExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command under a seccomp profile (Docker/OCI JSON or SPO SeccompProfile).",
        discussion: """
            The profile is compiled for this machine's architecture as runc/containerd would: archMap entries \
            of the native architecture, includes/excludes against the effective capabilities and uname -r, \
            errnoRet, argument conditions. Syscall names libseccomp does not know are skipped (--verbose lists \
            them). Needs libseccomp.so.2 at run time (Debian's libseccomp2). no_new_privs is set before the \
            filter is loaded. Exit codes: the command's own; 2 when the profile cannot be read or compiled, \
            libseccomp is missing, or the command is not found or not executable. See docs/seccomp-exec.md.
            """)

    @Option(
        help: ArgumentHelp("Seccomp profile (Docker/OCI JSON, or an SPO SeccompProfile object).", valueName: "FILE"))
    var profile: String

    @Option(
        help: ArgumentHelp(
            "Comma-separated capabilities (CAP_SYS_ADMIN,…) for the rules' includes/excludes, or none (default: this process's effective set).",
            valueName: "CAPS"))
    var capabilities: [String] = []

    @Flag(help: "Print skipped syscall names and rules to standard error.")
    var verbose = false

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The command and its arguments, after --.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if arguments.isEmpty { throw ValidationError("give the command to run after --, e.g. -- ls /") }
    }

    /// The command line, without the `--` that separates it.
    private var arguments: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func run() throws {
        let arguments = self.arguments
        let launcher = SeccompLauncher()
        let filter: CompiledSeccompFilter
        let path: String
        do {
            let loaded = try SeccompProfileLoading.read(profile)
            var host = SeccompHost.current()
            if !capabilities.isEmpty { host.capabilities = SeccompCapabilityList.parse(capabilities) }
            let library = try Result { () throws(LibSeccompError) in try LibSeccomp.shared() }
                .mapError(SeccompFilterError.library).get()
            filter = try SeccompFilterCompiler(library: library, host: host).compile(loaded, file: profile)
            path = try launcher.resolve(arguments[0])
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        if verbose {
            if !filter.unknownNames.isEmpty {
                StandardStreams.error(
                    "note: skipped \(filter.unknownNames.count) syscall name\(filter.unknownNames.count == 1 ? "" : "s") libseccomp does not know: \(filter.unknownNames.joined(separator: ", "))"
                )
            }
            if filter.skippedRules > 0 {
                StandardStreams.error(
                    "note: \(filter.skippedRules) rule\(filter.skippedRules == 1 ? "" : "s") left out by includes/excludes"
                )
            }
            let arches = filter.architectures.map(\.rawValue).joined(separator: ", ")
            StandardStreams.error("note: filter of \(filter.instructionCount) BPF instructions for \(arches)")
        }
        fflush(nil)  // nothing buffered may be lost when the process image is replaced
        do {
            try launcher.exec(
                path: path, arguments: arguments, filter: filter, failurePrefix: "palisade: error: ", failureStatus: 2)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}
