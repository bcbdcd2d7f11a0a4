import ArgumentParser
import PalisadeFormats
import PalisadeSeccomp

/// `palisade seccomp diff A B`: what changes from profile A to profile B.
struct SeccompDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two seccomp profiles by what they allow, not by how their JSON is written.",
        discussion: """
            Lists syscalls B allows that A denied, syscalls B denies that A allowed, and syscalls whose action or \
            argument conditions changed, for one architecture and a container with Docker's default capabilities.
            """)

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: ArgumentHelp("The old profile.", valueName: "A")) var before: String
    @Argument(help: ArgumentHelp("The new profile.", valueName: "B")) var after: String
    @OptionGroup var reading: SeccompReadingOptions
    @Option(help: "text or json.") var format: Format = .text
    @Option(help: ArgumentHelp("Exit with N when the profiles differ (default 0).", valueName: "N"))
    var exitCode: Int32 = 0

    func run() throws {
        let a = try SeccompProfileLoading.load(before)
        let b = try SeccompProfileLoading.load(after)
        let diff = ProfileDiff(
            from: a, to: b, architecture: reading.architecture, capabilities: reading.capabilitySet,
            kernel: reading.kernelVersion)
        StandardStreams.output(format == .json ? Self.json(diff) : Self.text(diff, before, after))
        if !diff.isEmpty, exitCode != 0 { throw ExitCode(exitCode) }
    }

    static func text(_ diff: ProfileDiff, _ a: String, _ b: String) -> String {
        if diff.isEmpty { return "no difference: \(a) and \(b) allow and deny the same syscalls\n" }
        var out = "--- \(a)\n+++ \(b)\n"
        if let d = diff.defaultAction { out += "defaultAction: \(d.before.rawValue) -> \(d.after.rawValue)\n" }
        for arch in diff.addedArchitectures { out += "+ architecture \(arch)\n" }
        for arch in diff.removedArchitectures { out += "- architecture \(arch)\n" }
        if !diff.nowAllowed.isEmpty {
            out += "allowed in B only (\(diff.nowAllowed.count)):\n"
            out += diff.nowAllowed.map { "+ \($0.name)  (\($0.before) -> \($0.after))\n" }.joined()
        }
        if !diff.nowDenied.isEmpty {
            out += "denied in B only (\(diff.nowDenied.count)):\n"
            out += diff.nowDenied.map { "- \($0.name)  (\($0.before) -> \($0.after))\n" }.joined()
        }
        if !diff.changed.isEmpty {
            out += "changed (\(diff.changed.count)):\n"
            out += diff.changed.map { "~ \($0.name)  (\($0.before) -> \($0.after))\n" }.joined()
        }
        return out
    }

    static func json(_ diff: ProfileDiff) -> String {
        func changes(_ list: [ProfileDiff.Change]) -> String {
            "["
                + list.map {
                    "{\"name\": \(JSONWriter.quoted($0.name)), \"before\": \(JSONWriter.quoted($0.before)), "
                        + "\"after\": \(JSONWriter.quoted($0.after))}"
                }.joined(separator: ", ") + "]"
        }
        var fields: [String] = ["\"identical\": \(diff.isEmpty)"]
        if let d = diff.defaultAction {
            fields.append(
                "\"defaultAction\": {\"before\": \(JSONWriter.quoted(d.before.rawValue)), "
                    + "\"after\": \(JSONWriter.quoted(d.after.rawValue))}")
        }
        fields.append(
            "\"addedArchitectures\": [" + diff.addedArchitectures.map(JSONWriter.quoted).joined(separator: ", ") + "]")
        fields.append(
            "\"removedArchitectures\": [" + diff.removedArchitectures.map(JSONWriter.quoted).joined(separator: ", ")
                + "]")
        fields.append("\"nowAllowed\": " + changes(diff.nowAllowed))
        fields.append("\"nowDenied\": " + changes(diff.nowDenied))
        fields.append("\"changed\": " + changes(diff.changed))
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }
}
