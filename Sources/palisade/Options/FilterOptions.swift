import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeFormats

/// Which findings are reported and what the exit code says about them.
struct FilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Report only these severities (comma list or repeated): INFO, LOW, MEDIUM, HIGH, CRITICAL.",
            valueName: "LIST"))
    var severity: [String] = []

    @Option(
        name: .customLong("exit-code"),
        help: ArgumentHelp(
            "Exit with N when findings remain after filtering (default 0: findings alone never fail the run).",
            valueName: "N"))
    var exitCode: Int32 = 0

    @Option(
        help: ArgumentHelp(
            "Ignore file (default: .palisadeignore.yaml in the current directory, when present).", valueName: "PATH"))
    var ignorefile: String?

    @Option(
        name: .customLong("rule"),
        help: ArgumentHelp("Run only these rules (comma list or repeated; `K8S-RBAC-*` globs).", valueName: "ID"))
    var rules: [String] = []

    @Option(
        name: .customLong("skip-rule"),
        help: ArgumentHelp("Never run these rules (comma list or repeated; `*` suffix globs).", valueName: "ID"))
    var skipRules: [String] = []

    static let defaultIgnoreFile = ".palisadeignore.yaml"

    func validate() throws {
        for name in CommaList.split(severity) where Severity(name: name) == nil {
            throw ValidationError(
                "unknown severity '\(name)'; use \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (0...255).contains(exitCode) else {
            throw ValidationError("--exit-code must be between 0 and 255, got \(exitCode)")
        }
    }

    /// `nil` when no `--severity` was given (every severity is reported).
    var severities: Set<Severity>? {
        let names = CommaList.split(severity)
        return names.isEmpty ? nil : Set(names.compactMap(Severity.init(name:)))
    }

    var selection: RuleSelection {
        RuleSelection(include: CommaList.split(rules), exclude: CommaList.split(skipRules))
    }

    /// Fails when a `--rule`/`--skip-rule` pattern names no known rule: a typo would otherwise
    /// silently scan nothing (or skip nothing).
    func validateRuleIds(against catalog: RuleCatalog) throws {
        let ids = catalog.rules.map(\.id)
        for pattern in CommaList.split(rules) + CommaList.split(skipRules) {
            let p = pattern.uppercased()
            if ids.contains(where: { RuleSelection.matches(p, $0) }) { continue }
            var message = "unknown rule '\(pattern)'"
            if let guess = Suggestions.closest(to: pattern, in: ids) {
                message += "; did you mean '\(guess)'?"
            } else {
                message += " ('palisade rules list' shows every rule)"
            }
            throw ValidationError(message)
        }
    }

    /// The entries of the ignore file, or none when there is no file.
    func loadIgnores() throws(InputError) -> [IgnoreEntry] {
        let path: String
        if let ignorefile {
            path = ignorefile
        } else if FileManager.default.fileExists(atPath: Self.defaultIgnoreFile) {
            path = Self.defaultIgnoreFile
        } else {
            return []
        }
        let buffer = try SourceBuffer.read(path: path, maxBytes: 16 << 20)
        return try IgnoreFileParser.parse(buffer)
    }

    /// `loadIgnores`, or one error line on stderr and exit 2.
    func loadIgnoresOrExit() throws -> [IgnoreEntry] {
        do {
            return try loadIgnores()
        } catch {
            StandardStreams.error(error.description)
            throw ExitCode(2)
        }
    }

    /// Today in the local calendar: the day ignore-file expiry dates are compared with.
    static func today() -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
