import ArgumentParser
import Foundation
import PalisadeFormats
import PalisadeSecrets

/// `palisade bench-secrets FILE [--repeat N]`: hidden benchmark hook for the secret scanner. Reads
/// FILE into memory, scans it N times with one session (in ≤ 16 MiB chunks split at newlines, as the
/// image scanner does) and prints one JSON line with the throughput.
struct BenchSecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-secrets", abstract: "Benchmark the secret scanner on one file.", shouldDisplay: false)

    @Argument(help: "File to scan (with --tar-members: one or more uncompressed layer tars).")
    var files: [String]

    var file: String { files[0] }

    @Option(help: "How many times to scan the file.")
    var `repeat`: Int = 1

    @Flag(help: "FILE is an uncompressed tar (a layer): scan each member as its own file, as `palisade image` does.")
    var tarMembers = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard tarMembers || files.count == 1 else { throw ValidationError("give one file, or use --tar-members") }
    }

    func run() throws {
        let scanner = try SecretScanner()
        if tarMembers {
            var tars: [[UInt8]] = []
            for f in files {
                guard let data = FileManager.default.contents(atPath: f) else {
                    throw ValidationError("cannot read '\(f)'")
                }
                tars.append([UInt8](data))
            }
            return try runOnMembers(tars, scanner: scanner)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read '\(file)'")
        }
        let session = scanner.makeSession()
        let bytes = [UInt8](data)
        let chunks = Self.chunks(bytes, maxChunk: 16 << 20)
        var matches = 0
        let clock = ContinuousClock()
        let cpuStart = Self.threadCPUSeconds()
        let elapsed = clock.measure {
            bytes.withUnsafeBytes { all in
                for _ in 0..<`repeat` {
                    for chunk in chunks {
                        let slice = UnsafeRawBufferPointer(rebasing: all[chunk.range])
                        matches +=
                            session.scanFile(path: "/bench/" + file, contents: slice, firstLine: chunk.firstLine)
                            .count
                    }
                }
            }
        }
        let cpu = Self.threadCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let total = Double(bytes.count) * Double(`repeat`)
        let line =
            "{\"bytes\":\(Int(total)),\"seconds\":\(Self.fixed(seconds)),"
            + "\"mbPerSecond\":\(Self.fixed(seconds > 0 ? total / seconds / 1e6 : 0)),\"matches\":\(matches),"
            + "\"cpuSeconds\":\(Self.fixed(cpu))}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Per-member mode: the members are extracted into memory first (not timed), then each is
    /// scanned with its own path, so per-file costs (path rules, binary detection) are included.
    private func runOnMembers(_ tars: [[UInt8]], scanner: SecretScanner) throws {
        var files: [(path: String, bytes: [UInt8])] = []
        for bytes in tars {
            var reader = TarReader()
            var path = ""
            var current: [UInt8] = []
            var isFile = false
            try reader.feed(bytes) { event in
                switch event {
                case .entry(let e):
                    path = "/" + e.normalizedPath
                    isFile = e.kind == .file && e.size > 0
                    current = []
                case .data(let chunk): current.append(contentsOf: chunk)
                case .entryEnd: if isFile { files.append((path, current)) }
                }
            }
        }
        let session = scanner.makeSession()
        let total = files.reduce(0) { $0 + $1.bytes.count } * `repeat`
        var matches = 0
        let cpuStart = Self.threadCPUSeconds()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<`repeat` {
                for f in files {
                    f.bytes.withUnsafeBytes { matches += session.scanFile(path: f.path, contents: $0).count }
                }
            }
        }
        let cpu = Self.threadCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line =
            "{\"bytes\":\(total),\"files\":\(files.count),\"seconds\":\(Self.fixed(seconds)),"
            + "\"mbPerSecond\":\(Self.fixed(seconds > 0 ? Double(total) / seconds / 1e6 : 0)),\"matches\":\(matches),"
            + "\"cpuSeconds\":\(Self.fixed(cpu))}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Splits at newlines into chunks of at most `maxChunk` bytes (a longer line is cut where it must be).
    static func chunks(_ bytes: [UInt8], maxChunk: Int) -> [(range: Range<Int>, firstLine: Int)] {
        var result: [(range: Range<Int>, firstLine: Int)] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = min(bytes.count, start + maxChunk)
            if end < bytes.count, let lastNewline = bytes[start..<end].lastIndex(of: 0x0A) { end = lastNewline + 1 }
            result.append((start..<end, line))
            line += bytes[start..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            start = end
        }
        return result
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
}
