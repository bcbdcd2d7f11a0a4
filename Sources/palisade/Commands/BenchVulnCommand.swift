import ArgumentParser
import Foundation
import PalisadeSBOM
import PalisadeVuln
import PalisadeVulnDB

/// `palisade bench-vuln ADVISORY_DIR`: hidden benchmark hook for issue 4's targets. Imports the
/// advisories into a fresh database, then matches 10,000 packages against it (and against the
/// in-memory index of the same records, the baseline), and prints one JSON line.
struct BenchVulnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-vuln", abstract: "Benchmark advisory import and matching.", shouldDisplay: false)

    @Argument(help: "Directory of OSV records (e.g. the PyPA advisory database's vulns/).")
    var directory: String

    @Option(help: "How many packages to match.")
    var packages: Int = 10_000

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-bench-\(UUID())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let db = scratch + "/advisories.db"

        var clock = ContinuousClock.now
        let writer = try AdvisoryStore.open(path: db, readOnly: false)
        let summary = try writer.importRecords(from: [directory])
        let importSeconds = seconds(since: clock)
        clock = .now
        _ = try writer.importRecords(from: [directory])
        let reimportSeconds = seconds(since: clock)
        let size = try writer.status().fileSizeBytes

        // Records for the package list and the in-memory baseline.
        let records = try Self.records(in: directory)
        let (mixed, allHit) = Self.packageLists(records, count: packages)

        clock = .now
        let store = try AdvisoryStore.open(path: db, readOnly: true)
        let openSeconds = seconds(since: clock)
        clock = .now
        let mixedResult = try VulnerabilityMatcher(index: store).match(mixed, os: nil)
        let mixedSeconds = seconds(since: clock)
        let store2 = try AdvisoryStore.open(path: db, readOnly: true)
        clock = .now
        let hitResult = try VulnerabilityMatcher(index: store2).match(allHit, os: nil)
        let hitSeconds = seconds(since: clock)

        let index = AdvisoryIndex(records)
        clock = .now
        let baseline = try VulnerabilityMatcher(index: index).match(mixed, os: nil)
        let baselineSeconds = seconds(since: clock)

        let fields: [(String, String)] = [
            ("records", "\(summary.added)"), ("malformed", "\(summary.malformed)"),
            ("import_s", fmt(importSeconds)), ("reimport_s", fmt(reimportSeconds)), ("db_bytes", "\(size)"),
            ("open_s", fmt(openSeconds)), ("packages", "\(mixed.count)"),
            ("match_mixed_s", fmt(mixedSeconds)), ("matches_mixed", "\(mixedResult.matches.count)"),
            ("match_all_hit_s", fmt(hitSeconds)), ("matches_all_hit", "\(hitResult.matches.count)"),
            ("match_memory_index_s", fmt(baselineSeconds)), ("matches_memory_index", "\(baseline.matches.count)"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func fmt(_ v: Double) -> String { String(format: "%.4f", v) }

    static func records(in directory: String) throws -> [OSVRecord] {
        var out: [OSVRecord] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".json") else { continue }
            let path = directory + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            if let record = try? data.withUnsafeBytes({ bytes throws(OSVRecordParser.ParseError) in
                try OSVRecordParser.parse(bytes, file: path)
            }) {
                out.append(record)
            }
        }
        return out
    }

    /// `mixed`: every advisory package once at a version its advisory names, the rest packages
    /// no advisory lists (an image's realistic shape). `allHit`: only advisory packages, repeated.
    static func packageLists(_ records: [OSVRecord], count: Int) -> (mixed: [Package], allHit: [Package]) {
        var seen: Set<String> = []
        var hits: [Package] = []
        for record in records {
            for a in record.affected where seen.insert(a.ecosystem + "/" + a.name).inserted {
                let version =
                    a.versions.first ?? a.ranges.flatMap(\.events).compactMap { e -> String? in
                        if case .introduced(let v) = e, v != "0" { v } else { nil }
                    }.first ?? "0.0.1"
                hits.append(package(a.ecosystem, a.name, version))
            }
        }
        var mixed = Array(hits.prefix(count))
        var i = 0
        while mixed.count < count {
            mixed.append(package("PyPI", "no-advisory-package-\(i)", "1.0.\(i % 10)"))
            i += 1
        }
        var allHit: [Package] = []
        while allHit.count < count, !hits.isEmpty { allHit.append(hits[allHit.count % hits.count]) }
        return (mixed, allHit)
    }

    static func package(_ ecosystem: String, _ name: String, _ version: String) -> Package {
        let e: PackageEcosystem =
            switch ecosystem {
            case "Go": .golang
            case "npm": .npm
            case "crates.io": .cargo
            case "RubyGems": .gem
            case "Maven": .maven
            default: .pypi
            }
        return Package(
            ecosystem: e, name: name, version: version, purl: "pkg:\(e.rawValue)/\(name)@\(version)", foundIn: "/bench")
    }
}
