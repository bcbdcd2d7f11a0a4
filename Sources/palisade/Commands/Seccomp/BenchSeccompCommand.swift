import ArgumentParser
import Foundation
import PalisadeSeccomp

/// `palisade bench-seccomp LOG`: parse throughput of the strace parser (scripts/bench --seccomp).
struct BenchSeccompCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-seccomp", abstract: "Measure strace log parsing speed.", shouldDisplay: false)

    @Argument(help: "An strace log.") var log: String
    @Option(help: "Passes over the log (the best one is reported).") var passes: Int = 5

    func run() throws {
        guard let data = FileManager.default.contents(atPath: log) else {
            StandardStreams.error("palisade: error: \(log): cannot read")
            throw ExitCode(2)
        }
        let bytes = [UInt8](data)
        var best = Double.infinity
        var trace = StraceTrace()
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now().uptimeNanoseconds
            trace = bytes.withUnsafeBytes { raw in
                var parser = StraceLogParser()
                // Feed in 1 MiB chunks, as `generate` and `record` do.
                var offset = 0
                while offset < raw.count {
                    let end = min(offset + (1 << 20), raw.count)
                    parser.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
                    offset = end
                }
                return parser.finish()
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let mb = Double(bytes.count) / 1e6
        let names = trace.calls.values.reduce(0) { $0 + $1.count }
        StandardStreams.output(
            String(
                format: "parse: %.1f MB in %.3f s = %.0f MB/s (%d lines, %d names, %d unparsed)", mb, best, mb / best,
                trace.lines, names, trace.unparsedLines) + "\n")
    }
}
