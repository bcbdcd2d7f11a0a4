import Foundation
import Testing

/// One finding of a `--format json` report, with the fields the image tests look at.
struct ReportedFinding: CustomStringConvertible {
    var ruleId: String
    var severity: String
    var message: String
    var evidence: String?
    var path: String?
    var line: Int?
    var layer: String?
    var presence: String?

    init(_ json: [String: Any]) {
        ruleId = json["ruleId"] as? String ?? ""
        severity = json["severity"] as? String ?? ""
        message = json["message"] as? String ?? ""
        evidence = json["evidence"] as? String
        let location = json["location"] as? [String: Any] ?? [:]
        path = location["path"] as? String
        line = location["line"] as? Int
        layer = location["layer"] as? String
        presence = location["presence"] as? String
    }

    var isSecret: Bool { ruleId.hasPrefix("SECRET-") }
    var isPrivateKey: Bool { isSecret && ruleId.contains("PRIVATE-KEY") }

    /// Whether the message names a shell or a package manager as a word ("bash", "/bin/sh",
    /// "apt-get", "dpkg", …), which is what a "not minimal" finding is about.
    var mentionsShellOrPackageManager: Bool {
        let words = Set(
            message.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
        return !words.isDisjoint(with: ["bash", "sh", "dash", "shell", "apt", "dpkg"])
            || message.lowercased().contains("package manager")
    }

    var description: String {
        "\(ruleId) \(path ?? "-"):\(line.map(String.init) ?? "-") layer \(layer ?? "-") \(presence ?? "-")"
    }

    /// The findings of a JSON report (fails the test when stdout is not one).
    static func all(in run: CLIRunner.Run) throws -> [ReportedFinding] {
        let json = try jsonObject(run)
        let findings = try #require(json["findings"] as? [[String: Any]], "report has no findings array")
        return findings.map(ReportedFinding.init)
    }
}

/// The JSON object on a run's stdout. Unlike `#require(run.json)`, a failure shows only stderr:
/// stdout may hold whatever the command printed, including a value that should have been redacted.
func jsonObject(_ run: CLIRunner.Run) throws -> [String: Any] {
    let parsed = run.json
    let stderr = run.stderr.prefix(2000)
    try #require(parsed != nil, "stdout is not a JSON object (exit \(run.status)); stderr: \(stderr)")
    return parsed ?? [:]
}

/// A package as an SBOM lists it.
struct SBOMPackage: CustomStringConvertible {
    var name: String
    var version: String
    var purl: String?

    var packageURL: PackageURL? { purl.flatMap(PackageURL.init) }
    var description: String { "\(name)@\(version) \(purl ?? "(no purl)")" }

    /// `components[]` of a CycloneDX JSON document, nested components included.
    static func cycloneDX(_ json: [String: Any]) -> [SBOMPackage] {
        func walk(_ list: Any?) -> [SBOMPackage] {
            (list as? [[String: Any]] ?? []).flatMap { c in
                [
                    SBOMPackage(
                        name: c["name"] as? String ?? "", version: c["version"] as? String ?? "",
                        purl: c["purl"] as? String)
                ] + walk(c["components"])
            }
        }
        return walk(json["components"])
    }

    /// `packages[]` of an SPDX 2.x JSON document, with the purl from `externalRefs`.
    static func spdx(_ json: [String: Any]) -> [SBOMPackage] {
        (json["packages"] as? [[String: Any]] ?? []).map { p in
            let refs = p["externalRefs"] as? [[String: Any]] ?? []
            let purl = refs.first { ($0["referenceType"] as? String) == "purl" }?["referenceLocator"] as? String
            return SBOMPackage(
                name: p["name"] as? String ?? "", version: p["versionInfo"] as? String ?? "", purl: purl)
        }
    }
}

/// A parsed package URL (https://github.com/package-url/purl-spec), enough for the tests.
struct PackageURL {
    var type: String
    var namespace: String
    var name: String
    /// The version as written, percent-encoded.
    var encodedVersion: String
    var version: String
    var qualifiers: [String: String]

    init?(_ text: String) {
        guard text.hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { return nil }
                qualifiers[String(kv[0])] = String(kv[1]).removingPercentEncoding ?? String(kv[1])
            }
            rest = rest[..<question]
        }
        guard let at = rest.lastIndex(of: "@") else { return nil }
        encodedVersion = String(rest[rest.index(after: at)...])
        guard let decoded = encodedVersion.removingPercentEncoding else { return nil }
        version = decoded
        let segments = rest[..<at].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count >= 2 else { return nil }
        type = segments[0]
        name = segments[segments.count - 1]
        namespace = segments[1..<(segments.count - 1)].joined(separator: "/")
        self.qualifiers = qualifiers
    }
}

/// Runs each distinct `palisade` command line once per test process and shares the result, so
/// that several tests can check one scan of a real image without paying for it again.
final class CommandCache: @unchecked Sendable {
    static let shared = CommandCache()

    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var run: CLIRunner.Run?
    }

    private let lock = NSLock()
    private var entries: [[String]: Entry] = [:]

    func run(_ args: [String]) throws -> CLIRunner.Run {
        lock.lock()
        let entry: Entry
        if let existing = entries[args] {
            entry = existing
        } else {
            entry = Entry()
            entries[args] = entry
        }
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let run = entry.run { return run }
        let run = try CLIRunner.run(args)
        entry.run = run
        return run
    }
}
