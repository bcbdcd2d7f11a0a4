import Foundation
import PalisadeSBOM
import PalisadeSecrets

/// Runs the content analyzers (secrets, package catalogers) over the files of one layer and
/// collects what they found, keyed by record. One per layer; not shared between threads.
struct FileAnalyzer {
    let layer: Int
    let limits: LayerScanLimits
    let session: SecretScanSession?
    var secrets: [(record: Int, matches: [SecretMatch])] = []
    var packages: [(record: Int, packages: [Package])] = []
    var contents: [Int: [UInt8]] = [:]
    var notes: [String] = []
    /// Next line number of a file being scanned in chunks.
    private var chunkRecord = -1
    private var chunkLine = 1
    private var chunkIsBinary = false

    init(layer: Int, limits: LayerScanLimits, session: SecretScanSession?) {
        self.layer = layer
        self.limits = limits
        self.session = session
    }

    mutating func run(_ job: FileJob) {
        job.bytes.withUnsafeBytes { bytes in
            if job.forSecrets, let session {
                var line = 1
                if job.continuesPrevious, chunkRecord == job.record { line = chunkLine }
                var offset = 0
                let chunk = limits.secretChunkBytes
                while offset < bytes.count {
                    var end = min(bytes.count, offset + chunk)
                    if end < bytes.count, let nl = bytes[offset..<end].lastIndex(of: 10), nl > offset { end = nl + 1 }
                    let part = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
                    var matches = session.scanFile(path: job.path, contents: part, firstLine: line)
                    if !matches.isEmpty {
                        if Self.isCompiledBinary(bytes) || (job.continuesPrevious && chunkIsBinary) {
                            matches = matches.map(Self.downgradedForBinary)
                        }
                        appendSecrets(job.record, matches)
                    }
                    offset = end
                    if offset < bytes.count || job.chunked { line += Self.newlines(part) }
                }
                if job.chunked {
                    if !job.continuesPrevious { chunkIsBinary = Self.isCompiledBinary(bytes) }
                    chunkRecord = job.record
                    chunkLine = line
                }
            }
            for cataloger in job.catalogers {
                do {
                    let found = try cataloger.catalog(path: job.path, contents: bytes)
                    if !found.isEmpty { packages.append((job.record, found)) }
                } catch {
                    if notes.count < 200 { notes.append("layer \(layer + 1): \(cataloger.id): \(error)") }
                }
            }
        }
        if job.keepContents { contents[job.record] = job.bytes }
    }

    private mutating func appendSecrets(_ record: Int, _ matches: [SecretMatch]) {
        if let last = secrets.last, last.record == record {
            secrets[secrets.count - 1].matches += matches
        } else {
            secrets.append((record, matches))
        }
    }

    /// ELF, Mach-O and PE files: keys found in compiled code are overwhelmingly libraries' own
    /// self-test vectors (libgnutls ships several), so they are kept but reported at LOW.
    static func isCompiledBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 4 else { return false }
        let magic = (UInt32(bytes[0]) << 24) | (UInt32(bytes[1]) << 16) | (UInt32(bytes[2]) << 8) | UInt32(bytes[3])
        return magic == 0x7F45_4C46 || magic == 0xCFFA_EDFE || magic == 0xCEFA_EDFE
            || (bytes[0] == 0x4D && bytes[1] == 0x5A)
    }

    static func downgradedForBinary(_ m: SecretMatch) -> SecretMatch {
        var m = m
        if m.severity > .low { m.severity = .low }
        m.message += " embedded in a compiled binary (often a library's own test key; check before rotating)"
        return m
    }

    static func newlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard var p = bytes.baseAddress else { return 0 }
        let end = p + bytes.count
        var n = 0
        while p < end, let hit = memchr(p, 10, end - p) {
            n += 1
            p = UnsafeRawPointer(hit) + 1
        }
        return n
    }
}
