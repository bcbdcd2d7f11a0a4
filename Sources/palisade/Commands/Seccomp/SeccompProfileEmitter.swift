import ArgumentParser
import PalisadeFormats
import PalisadeSeccomp

/// Builds the profile from what the runs observed, writes it, and tells the user what it rests on:
/// the summary on stderr, the per-syscall table with `--report`.
struct SeccompProfileEmitter {
    var options: SeccompProfileOptions

    func emit(_ observed: ObservedSyscalls) throws {
        let generated = ProfileGenerator(options: options.generatorOptions()).generate(from: observed)
        let text: String
        switch options.format {
        case .docker: text = SeccompProfileWriter.dockerJSON(generated.profile)
        case .spo:
            text = SeccompProfileWriter.securityProfilesOperator(
                generated.profile, name: options.name, namespace: options.namespace)
        case .snippet:
            text = SeccompProfileWriter.localhostSnippet(
                localhostProfile: options.localhostProfile ?? "profiles/\(options.name).json")
        }
        try write(text, to: options.output)
        if let report = options.report {
            let body =
                report.hasSuffix(".json")
                ? SeccompRunReport.json(observed, generated) : SeccompRunReport.table(observed, generated)
            try write(body, to: report)
        }
        for line in SeccompRunReport.summary(observed, generated) { StandardStreams.error(line) }
    }

    private func write(_ text: String, to path: String?) throws {
        do {
            let sink = try ReportSink(output: path)
            sink.write(text)
            try sink.commit()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// The report of what a generated profile rests on.
enum SeccompRunReport {
    /// A few lines for stderr.
    static func summary(_ observed: ObservedSyscalls, _ generated: ProfileGenerator.Result) -> [String] {
        var lines: [String] = []
        let allowed = Set(generated.profile.syscalls.filter(\.action.lets).flatMap(\.names)).count
        let arches = generated.profile.architectures.joined(separator: ", ")
        lines.append(
            "seccomp: \(observed.runCount) run(s), \(observed.lines) strace lines, \(observed.usage.count) syscalls seen; "
                + "profile allows \(allowed) on \(arches) (\(generated.addedForRuntime.count) added for the container runtime)"
        )
        if observed.runCount > 1 {
            let single = observed.namesByRunCount.filter { observed.usage[$0]!.runs == 1 }
            if !single.isEmpty {
                let shown = single.prefix(12).joined(separator: ", ")
                lines.append(
                    "seccomp: \(single.count) syscall(s) rest on a single run: \(shown)\(single.count > 12 ? ", …" : "")"
                        + " (--report FILE lists every syscall)")
            }
        }
        if !generated.conditioned.isEmpty || !generated.answeredLikeRuntimeDefault.isEmpty {
            var parts: [String] = []
            if !generated.conditioned.isEmpty {
                parts.append(
                    "\(generated.conditioned.joined(separator: ", ")) allowed with the runtime default's argument conditions"
                )
            }
            if !generated.answeredLikeRuntimeDefault.isEmpty {
                parts.append(
                    "\(generated.answeredLikeRuntimeDefault.joined(separator: ", ")) answered with the runtime default's "
                        + "errno (clone3: ENOSYS, glibc falls back to clone)")
            }
            lines.append("seccomp: " + parts.joined(separator: "; ") + " (--exact allows them as recorded)")
        }
        if !generated.beyondRuntimeDefault.isEmpty {
            lines.append(
                "seccomp: warning: the workload made \(generated.beyondRuntimeDefault.count) syscall(s) the runtime "
                    + "default denies, and the profile allows them: "
                    + generated.beyondRuntimeDefault.joined(separator: ", "))
        }
        if observed.unparsedLines > 0 {
            lines.append("seccomp: \(observed.unparsedLines) line(s) not understood, e.g.:")
            lines += observed.unparsedExamples.map { "  \($0)" }
        }
        if !generated.unknownNames.isEmpty {
            lines.append(
                "seccomp: kept \(generated.unknownNames.count) name(s) the syscall table does not know: "
                    + generated.unknownNames.joined(separator: ", "))
        }
        if !generated.unnamedSyscalls.isEmpty {
            lines.append(
                "seccomp: left out syscalls strace printed without a name (a profile needs names): "
                    + generated.unnamedSyscalls.joined(separator: ", "))
        }
        return lines
    }

    /// Every syscall with the runs that used it, fewest runs first.
    static func table(_ observed: ObservedSyscalls, _ generated: ProfileGenerator.Result) -> String {
        var out = "runs: \(observed.runCount)\n"
        for (i, label) in observed.runLabels.enumerated() { out += "  run \(i + 1): \(label)\n" }
        let width = max(7, observed.usage.keys.map(\.count).max() ?? 0)
        out += "SYSCALL".padding(toLength: width, withPad: " ", startingAt: 0) + "  RUNS      CALLS\n"
        for name in observed.namesByRunCount {
            let usage = observed.usage[name]!
            let runs = "\(usage.runs)/\(observed.runCount)"
            out +=
                name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + runs.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 9 - String(usage.calls).count))
                + "\(usage.calls)\n"
        }
        for name in generated.addedForRuntime {
            out += name.padding(toLength: width, withPad: " ", startingAt: 0) + "  runtime (not seen in the runs)\n"
        }
        return out
    }

    static func json(_ observed: ObservedSyscalls, _ generated: ProfileGenerator.Result) -> String {
        var out = "{\n  \"runs\": [" + observed.runLabels.map { JSONWriter.quoted($0) }.joined(separator: ", ") + "],\n"
        out += "  \"syscalls\": [\n"
        let rows = observed.namesByRunCount.map { name -> String in
            let usage = observed.usage[name]!
            return "    {\"name\": \(JSONWriter.quoted(name)), \"runs\": \(usage.runs), \"calls\": \(usage.calls)}"
        }
        out += rows.joined(separator: ",\n") + (rows.isEmpty ? "" : "\n") + "  ],\n"
        out +=
            "  \"addedForRuntime\": [" + generated.addedForRuntime.map { JSONWriter.quoted($0) }.joined(separator: ", ")
            + "],\n"
        out +=
            "  \"unknownNames\": [" + generated.unknownNames.map { JSONWriter.quoted($0) }.joined(separator: ", ")
            + "],\n"
        out +=
            "  \"unnamedSyscalls\": [" + generated.unnamedSyscalls.map { JSONWriter.quoted($0) }.joined(separator: ", ")
            + "],\n"
        out += "  \"unparsedLines\": \(observed.unparsedLines)\n}\n"
        return out
    }
}
