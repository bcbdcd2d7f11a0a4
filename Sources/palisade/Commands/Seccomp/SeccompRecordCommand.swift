import ArgumentParser
import Foundation
import PalisadeSeccomp

/// `palisade seccomp record -- CMD ARGS...`: runs the command under strace and writes a profile.
struct SeccompRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a command under strace and write a seccomp profile of the syscalls it made.",
        discussion: """
            Needs strace (Debian package strace). The command's stdin, stdout and stderr are yours; the profile \
            goes to -o FILE or stdout. palisade exits with the command's exit code, or dies of its signal, after \
            writing the profile. Keep the raw trace with --log FILE to merge several runs later with \
            'palisade seccomp generate RUN1.log RUN2.log'.
            """)

    @Flag(inversion: .prefixedNo, help: "Follow forks and threads (strace -f).")
    var followForks = true

    @Option(help: ArgumentHelp("Also keep strace's raw output in FILE.", valueName: "FILE"))
    var log: String?

    @OptionGroup var profileOptions: SeccompProfileOptions

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to record, after --.", valueName: "CMD"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty {
            throw ValidationError("missing the command to record: palisade seccomp record -- CMD ARGS...")
        }
    }

    func run() throws {
        let recorder = StraceRecorder(
            followForks: followForks, stracePath: ProcessInfo.processInfo.environment["PALISADE_STRACE"], logPath: log)
        let recording: StraceRecorder.Recording
        do throws(StraceRecorder.Failure) {
            recording = try recorder.record(command)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        if profileOptions.output == nil, profileOptions.format != .snippet {
            // The command's own stdout came first; say where the profile starts.
            StandardStreams.error("note: no -o FILE given: the profile follows the command's output on stdout")
        }
        var observed = ObservedSyscalls()
        observed.addRun(
            recording.trace, label: command.joined(separator: " "), host: profileOptions.generatorOptions().host)
        if observed.usage.isEmpty {
            StandardStreams.error("palisade: error: strace recorded no syscalls (did the command start?)")
            throw ExitCode(2)
        }
        try SeccompProfileEmitter(options: profileOptions).emit(observed)
        switch recording.termination {
        case .exited(let code):
            if code != 0 { throw ExitCode(code) }
        case .signaled(let sig):
            StandardStreams.error("seccomp: the command was killed by signal \(sig)")
            signal(sig, SIG_DFL)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, sig)
            pthread_sigmask(SIG_UNBLOCK, &only, nil)
            raise(sig)
            throw ExitCode(128 + sig)
        }
    }
}
