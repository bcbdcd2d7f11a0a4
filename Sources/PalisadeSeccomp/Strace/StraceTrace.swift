/// What a strace log says a workload did: the syscall names it called, per ABI, with counts.
/// Seccomp profile generation needs exactly this (which names, on which architecture), and the
/// line and unparsed counts let a caller tell a clean parse from a log that was mostly noise.
public struct StraceTrace: Sendable, Equatable {
    /// Calls per personality per syscall name. A call split into `<unfinished ...>` +
    /// `<... NAME resumed>` counts once. Counts from `strace -c` summary tables are added too
    /// (their `calls` column); a `-C` log, which prints the calls and then their table, counts
    /// each name's calls once (the larger of its line count and its table count).
    public var calls: [SyscallPersonality: [String: Int]]
    /// Lines seen (non-empty).
    public var lines: Int
    /// Lines that are neither a syscall, nor a known non-syscall line.
    public var unparsedLines: Int
    /// The first `StraceTrace.maxExamples` unparsed lines, each cut to 120 characters, with
    /// bytes outside printable ASCII shown as `\xNN` so a report can print them safely.
    public var unparsedExamples: [String]
    /// Distinct pids seen (1 when the log has strace lines but no pid prefixes; 0 when it has
    /// none at all).
    public var processes: Int

    /// How many unparsed lines `unparsedExamples` keeps.
    public static let maxExamples = 5

    public init() {
        calls = [:]
        lines = 0
        unparsedLines = 0
        unparsedExamples = []
        processes = 0
    }

    /// Adds another trace (e.g. one `strace -ff -o` file per process): counts are summed, and
    /// processes are assumed distinct, which is what per-pid files are.
    public mutating func merge(_ other: StraceTrace) {
        for (personality, names) in other.calls {
            calls[personality, default: [:]].merge(names, uniquingKeysWith: StraceLogParser.saturatingSum)
        }
        lines += other.lines
        unparsedLines += other.unparsedLines
        for example in other.unparsedExamples where unparsedExamples.count < Self.maxExamples {
            unparsedExamples.append(example)
        }
        processes += other.processes
    }

    /// All names over all personalities.
    public var allNames: Set<String> {
        var names = Set<String>()
        for table in calls.values { names.formUnion(table.keys) }
        return names
    }
}
