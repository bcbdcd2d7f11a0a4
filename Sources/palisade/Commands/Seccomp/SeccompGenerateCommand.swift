import ArgumentParser
import Foundation
import PalisadeSeccomp

/// `palisade seccomp generate [LOG...|-]`: a profile from existing strace output.
struct SeccompGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a seccomp profile from strace logs (several runs merge into one profile).",
        discussion: """
            Reads strace output in any common form: -f pid prefixes, -tt/-ttt/-r/-T timestamps, -i, -n, -k, -yy, \
            <unfinished ...>/<... resumed> pairs, signals and exits, strace -c summaries, and 32-bit or x32 \
            personality switches. Each file is one run; -ff files (PREFIX.PID) with one prefix are one run together. \
            The report shows for every syscall how many runs used it.
            """)

    @Argument(help: ArgumentHelp("strace logs; - (or nothing) reads stdin.", valueName: "STRACE_LOG"))
    var logs: [String] = []

    @OptionGroup var profileOptions: SeccompProfileOptions

    func run() throws {
        let host = profileOptions.generatorOptions().host
        var observed = ObservedSyscalls()
        for run in StraceRunGrouping.group(logs.isEmpty ? ["-"] : logs) {
            var parser = StraceLogParser()
            for path in run.files {
                do throws(StraceLogFile.ReadError) {
                    try StraceLogFile.read(path) { parser.feed($0) }
                } catch {
                    StandardStreams.error("palisade: error: \(error)")
                    throw ExitCode(2)
                }
            }
            observed.addRun(parser.finish(), label: run.label, host: host)
        }
        guard !observed.usage.isEmpty else {
            let names = logs.isEmpty ? "stdin" : logs.joined(separator: ", ")
            StandardStreams.error("palisade: error: no syscalls found in \(names); is it strace output?")
            if observed.unparsedLines > 0 {
                StandardStreams.error("hint: \(observed.unparsedLines) line(s) not understood, e.g.:")
                for example in observed.unparsedExamples { StandardStreams.error("  \(example)") }
            }
            throw ExitCode(2)
        }
        try SeccompProfileEmitter(options: profileOptions).emit(observed)
    }
}

/// Groups input files into runs: `strace -ff -o PREFIX` writes `PREFIX.PID` per process, and all
/// of those are one run.
enum StraceRunGrouping {
    struct Run: Equatable {
        var label: String
        var files: [String]
    }

    static func group(_ paths: [String]) -> [Run] {
        var runs: [Run] = []
        var byPrefix: [String: Int] = [:]
        for path in paths {
            if let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].isEmpty,
                path[path.index(after: dot)...].allSatisfy(\.isNumber), !path[..<dot].hasSuffix("/")
            {
                let prefix = String(path[..<dot])
                if let index = byPrefix[prefix] {
                    runs[index].files.append(path)
                    runs[index].label = "\(prefix).* (\(runs[index].files.count) processes)"
                    continue
                }
                byPrefix[prefix] = runs.count
            }
            runs.append(Run(label: path == "-" ? "stdin" : path, files: [path]))
        }
        return runs
    }
}

/// Reads a log in 1 MiB chunks (or stdin for `-`), so memory stays flat on multi-GB logs.
enum StraceLogFile {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func read(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(ReadError) {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(path: path, reason: "is a directory, expected an strace log")
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }
}
