/// The syscalls seen over one or more recorded runs (test suite, load test, start-up…), merged.
/// Keeps for every syscall how many runs used it, so a profile's report can show which entries
/// rest on a single run — the parts most likely to be missing a path another run would take.
public struct ObservedSyscalls: Sendable, Equatable {
    /// How often, and in how many runs, one syscall was seen.
    public struct Usage: Sendable, Equatable {
        public var runs: Int
        public var calls: Int

        public init(runs: Int, calls: Int) {
            self.runs = runs
            self.calls = calls
        }
    }

    /// Labels of the runs, in the order they were added (file names, `-`, the recorded command).
    public private(set) var runLabels: [String] = []
    /// Usage per syscall name, over every architecture.
    public private(set) var usage: [String: Usage] = [:]
    /// The architectures the runs used (the native one, and companions after a personality switch).
    public private(set) var architectures: Set<SeccompArchitecture> = []
    /// Names per architecture, for profiles that keep arch-specific names apart.
    public private(set) var namesByArchitecture: [SeccompArchitecture: Set<String>] = [:]
    public private(set) var lines = 0
    public private(set) var unparsedLines = 0
    /// A few unparsed lines, each prefixed with its run's label.
    public private(set) var unparsedExamples: [String] = []
    public private(set) var processes = 0

    public init() {}

    public var runCount: Int { runLabels.count }

    /// Adds one run. `host` is the architecture the trace was recorded on (its native personality).
    public mutating func addRun(_ trace: StraceTrace, label: String, host: SeccompArchitecture) {
        runLabels.append(label)
        var seenThisRun = Set<String>()
        for (personality, counts) in trace.calls where !counts.isEmpty {
            let arch = personality.architecture(on: host)
            architectures.insert(arch)
            namesByArchitecture[arch, default: []].formUnion(counts.keys)
            for (name, calls) in counts {
                usage[name, default: Usage(runs: 0, calls: 0)].calls += calls
                if seenThisRun.insert(name).inserted { usage[name]!.runs += 1 }
            }
        }
        lines += trace.lines
        unparsedLines += trace.unparsedLines
        processes += trace.processes
        for example in trace.unparsedExamples where unparsedExamples.count < 5 {
            unparsedExamples.append("\(label): \(example)")
        }
    }

    /// Names sorted by fewest runs first, then by name: the order a reviewer wants.
    public var namesByRunCount: [String] {
        usage.keys.sorted { a, b in
            let ua = usage[a]!.runs
            let ub = usage[b]!.runs
            return ua != ub ? ua < ub : a < b
        }
    }
}
