import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeSeccomp

/// How `check`, `diff` and `palisade k8s --seccomp-dir` read profiles: for which architecture,
/// capabilities and kernel, and against which baseline.
struct SeccompReadingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Baseline to grade against: docker (the embedded Docker default) or a profile FILE "
                + "(e.g. containers/common's seccomp.json).", valueName: "docker|FILE"))
    var baseline: String = "docker"

    @Option(help: ArgumentHelp("Architecture to read profiles for (default: this machine's).", valueName: "ARCH"))
    var arch: String?

    @Option(
        help: ArgumentHelp(
            "Capabilities the container has, comma-separated (default: Docker's default set).", valueName: "CAPS"))
    var capabilities: String?

    @Option(
        help: ArgumentHelp(
            "Kernel version (e.g. 6.1) for rules with minKernel; default: none counts, as on any kernel.",
            valueName: "X.Y"))
    var kernel: String?

    func validate() throws {
        if let arch, SeccompArchitecture(name: arch) == nil { throw ValidationError("unknown architecture '\(arch)'") }
        if let kernel, KernelVersion(kernel) == nil { throw ValidationError("--kernel expects X.Y, e.g. 6.1") }
    }

    var architecture: SeccompArchitecture { arch.flatMap { SeccompArchitecture(name: $0) } ?? .native }

    var capabilitySet: Set<String> {
        guard let capabilities else { return EffectivePolicy.defaultCapabilities }
        return SeccompCapabilityList.parse([capabilities])
    }

    var kernelVersion: KernelVersion? { kernel.flatMap { KernelVersion($0) } }

    func grader() throws -> ProfileGrader {
        let base: SeccompProfile
        let name: String
        if baseline == "docker" {
            base = RuntimeDefaultProfile.profile
            name = "the Docker default"
        } else {
            base = try SeccompProfileLoading.load(baseline)
            name = "the baseline \((baseline as NSString).lastPathComponent)"
        }
        return ProfileGrader(
            baseline: base, baselineName: name, architectures: [architecture], capabilities: capabilitySet,
            kernel: kernelVersion)
    }
}

/// Reads profile files for `check`, `diff` and `exec`.
enum SeccompProfileLoading {
    /// The profile at `path`; a mistake is one `FILE:LINE:COL: reason` error.
    static func read(_ path: String) throws(InputError) -> SeccompProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, reason: "cannot read the profile (missing or unreadable)")
        }
        return try SeccompProfileReader().read(Array(data), file: path)
    }

    /// The profile at `path`, or one error line and exit 2.
    static func load(_ path: String) throws -> SeccompProfile {
        do {
            return try read(path)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `--capabilities` as `check`, `diff` and `exec` take it: comma lists (repeatable), names with or
/// without `CAP_`, any case; `none` for no capabilities at all.
enum SeccompCapabilityList {
    static func parse(_ items: [String]) -> Set<String> {
        let names = CommaList.split(items).map { $0.uppercased() }
        if names == ["NONE"] { return [] }
        return Set(names.map { $0.hasPrefix("CAP_") ? $0 : "CAP_" + $0 })
    }
}
