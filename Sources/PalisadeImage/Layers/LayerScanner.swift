import Crypto
import PalisadeFormats
import PalisadeSBOM
import PalisadeSecrets

/// One streaming pass over one layer blob: hash the blob, decompress (gzip/zstd/none), hash the
/// tar stream (diffID), walk the tar, and hand each file's bytes to the analyzers while they pass
/// by. Nothing is written to disk; memory holds one file at a time (up to the caps).
struct LayerScanner {
    let index: Int
    let descriptor: LayerDescriptor
    let expectedDiffID: String?
    let limits: LayerScanLimits
    let catalogers: [any PackageCataloger]
    let wantsContents: @Sendable (String, Int) -> Bool
    let secretScanner: SecretScanner?
    let progress: (@Sendable (Int64) -> Void)?

    var scansSecrets: Bool { secretScanner != nil }

    func run(_ reader: inout any BlobReader, source: String) throws(ImageError) -> LayerScanResult {
        let what = "\(source): layer \(index + 1) (\(descriptor.digest ?? descriptor.location))"
        let digester = LayerDigester(threaded: descriptor.size >= 4 << 20)
        var digestsTaken = false
        defer { if !digestsTaken { _ = digester.finish() } }
        let decompressor = StreamDecompressor(maxOutputBytes: limits.maxLayerBytes)
        // Big layers: analysis on a second thread, pipelined with the walk. Small ones inline.
        let pipelined = descriptor.size >= 4 << 20 && (secretScanner != nil || !catalogers.isEmpty)
        let pipeline = pipelined ? LayerPipeline(layer: index, limits: limits, scanner: secretScanner) : nil
        let inline = InlineAnalysis(
            FileAnalyzer(layer: index, limits: limits, session: pipelined ? nil : secretScanner?.makeSession()))
        var state = WalkState(scanner: self) { job in
            if let pipeline { pipeline.submit(job) } else { inline.analyzer.run(job) }
        }
        var drained = false
        defer { if !drained { _ = pipeline?.finish() } }
        var tar = TarReader()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        do {
            while true {
                let n = try reader.read(into: chunk)
                if n == 0 { break }
                let input = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
                digester.blobBytes(input)
                progress?(Int64(n))
                try decompressor.feed(input) { out in
                    digester.tarBytes(out)
                    try tar.feed(out) { event in try state.handle(event) }
                }
            }
            try decompressor.finish()
            try tar.finish()
        } catch {
            // A corrupt blob is best explained by its digest: finish hashing it and say so when it is wrong.
            if let expected = descriptor.digest, expected.hasPrefix("sha256:") {
                while let n = try? reader.read(into: chunk), n > 0 {
                    digester.blobBytes(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
                }
                digestsTaken = true
                let actual = digester.finish().blob
                if actual != expected {
                    throw ImageError(
                        .digestMismatch,
                        "\(what): blob digest mismatch: manifest says \(expected), content is \(actual) (\(Self.describe(error)))"
                    )
                }
            }
            throw Self.imageError(error, what)
        }

        digestsTaken = true
        let (blobDigest, diffID) = digester.finish()
        if let expected = descriptor.digest, expected.hasPrefix("sha256:"), expected != blobDigest {
            throw ImageError(
                .digestMismatch, "\(what): blob digest mismatch: manifest says \(expected), content is \(blobDigest)")
        }
        if let expected = expectedDiffID, expected.hasPrefix("sha256:"), expected != diffID {
            throw ImageError(
                .digestMismatch,
                "\(what): uncompressed digest mismatch: config diff_ids says \(expected), content is \(diffID)")
        }
        drained = true
        let analysis = pipeline?.finish() ?? inline.analyzer
        var result = state.result
        result.secrets = analysis.secrets
        result.packages = analysis.packages
        result.contents = analysis.contents
        result.notes += analysis.notes
        result.index = index
        result.digest = descriptor.digest ?? diffID
        result.diffID = diffID
        result.encoding = decompressor.encoding?.rawValue ?? "uncompressed"
        result.uncompressedSize = decompressor.totalOut
        return result
    }

    static func describe(_ error: any Error) -> String {
        (error as? ImageError)?.message ?? "\(error)"
    }

    static func imageError(_ error: any Error, _ what: String) -> ImageError {
        let bomb = " — raise --max-layer-size if this layer is genuine"
        switch error {
        case let e as ImageError: return ImageError(e.kind, "\(what): \(e.message)")
        case let e as GzipError:
            if case .outputLimitExceeded = e.kind { return ImageError(.limitExceeded, "\(what): \(e)\(bomb)") }
            return ImageError(.malformed, "\(what): \(e)")
        case let e as ZstdError:
            if case .outputLimitExceeded = e.kind { return ImageError(.limitExceeded, "\(what): \(e)\(bomb)") }
            return ImageError(.malformed, "\(what): \(e)")
        case let e as UncompressedLimitError: return ImageError(.limitExceeded, "\(what): \(e)\(bomb)")
        case let e as TarError: return ImageError(.malformed, "\(what): tar: \(e)")
        default: return ImageError(.malformed, "\(what): \(error)")
        }
    }
}

/// The analyzer of a layer scanned without a second thread.
private final class InlineAnalysis {
    var analyzer: FileAnalyzer

    init(_ analyzer: FileAnalyzer) { self.analyzer = analyzer }
}

/// The per-entry state machine of a layer walk: records every entry and hands the bytes of the
/// files some analyzer wants to `emit`, as whole files or (big files, secrets only) in chunks.
private struct WalkState {
    let scanner: LayerScanner
    var result = LayerScanResult(index: 0, digest: "", diffID: "", encoding: "")
    let emit: (FileJob) -> Void
    /// The file being read, when some analyzer wants its bytes.
    private var current: Current?
    private var buffer: [UInt8] = []
    private var entries = 0
    private var hostilePaths = 0

    private struct Current {
        var record: Int
        var path: String
        var forSecrets: Bool
        var catalogers: [any PackageCataloger]
        var keepContents: Bool
        /// Whole file held in `buffer`; false means secrets are scanned chunk by chunk.
        var whole: Bool
        var chunks = 0
    }

    init(scanner: LayerScanner, emit: @escaping (FileJob) -> Void) {
        self.scanner = scanner
        self.emit = emit
    }

    mutating func handle(_ event: TarEvent) throws {
        switch event {
        case .entry(let e):
            try begin(e)
        case .data(let bytes):
            guard current != nil else { return }
            buffer.append(contentsOf: bytes)
            if !current!.whole && buffer.count >= scanner.limits.secretChunkBytes {
                flushChunk(final: false)
            }
        case .entryEnd:
            finishFile()
        }
    }

    private mutating func begin(_ e: TarEntry) throws {
        entries += 1
        result.entryCount = entries
        if entries > scanner.limits.maxEntriesPerLayer {
            throw ImageError(
                .limitExceeded, "more than \(scanner.limits.maxEntriesPerLayer) entries (raise --max-layer-entries)")
        }
        if e.escapesRoot {
            hostilePaths += 1
            if hostilePaths <= 5 {
                result.notes.append(
                    "layer \(scanner.index + 1): entry '\(e.path.prefix(200))' climbs above the root; read as '/\(e.normalizedPath.prefix(200))'"
                )
            }
        }
        let normalized = e.normalizedPath
        guard !normalized.isEmpty else { return }
        // Whiteouts: `.wh.NAME` deletes NAME below; `.wh..wh..opq` hides the directory's lower contents.
        let slash = normalized.lastIndex(of: "/")
        let base = slash.map { normalized[normalized.index(after: $0)...] } ?? normalized[...]
        let parent = slash.map { "/" + normalized[..<$0] } ?? ""
        if base.hasPrefix(".wh.") {
            if base == ".wh..wh..opq" {
                result.opaqueDirectories.append(parent.isEmpty ? "/" : parent)
            } else {
                result.whiteouts.append(parent + "/" + base.dropFirst(4))
            }
            return
        }
        let path = "/" + normalized
        let kind: FileRecord.Kind
        switch e.kind {
        case .file: kind = .regular
        case .directory: kind = .directory
        case .symlink: kind = .symlink
        case .hardlink: kind = .hardlink
        case .other(let flag):
            switch flag {
            case UInt8(ascii: "3"): kind = .characterDevice
            case UInt8(ascii: "4"): kind = .blockDevice
            case UInt8(ascii: "6"): kind = .fifo
            default: kind = .regular
            }
        }
        var link: String?
        if kind == .symlink { link = e.linkTarget }
        if kind == .hardlink { link = "/" + TarEntry.normalize(e.linkTarget).path }
        result.records.append(
            FileRecord(
                path: path, kind: kind, mode: e.mode & 0o7777, uid: Int(clamping: e.uid), gid: Int(clamping: e.gid),
                size: e.size, linkTarget: link, layer: scanner.index))
        guard kind == .regular, e.kind == .file, e.size > 0 else { return }

        let size = Int(clamping: e.size)
        let isExecutable = e.mode & 0o111 != 0
        let catalogers =
            e.size <= Int64(scanner.limits.maxCatalogFileBytes)
            ? scanner.catalogers.filter { $0.wants(path: path, size: size, isExecutable: isExecutable) } : []
        let keep = e.size <= 1 << 20 && scanner.wantsContents(path, size)
        var forSecrets = scanner.scansSecrets
        if forSecrets && e.size > scanner.limits.maxSecretFileBytes {
            forSecrets = false
            result.notes.append(
                "layer \(scanner.index + 1): \(path) (\(e.size) bytes) is larger than the secret-scan limit; not scanned"
            )
        }
        guard forSecrets || !catalogers.isEmpty || keep else { return }
        let whole = !catalogers.isEmpty || keep || e.size <= Int64(scanner.limits.secretChunkBytes)
        buffer = []
        if whole { buffer.reserveCapacity(size) }
        current = Current(
            record: result.records.count - 1, path: path, forSecrets: forSecrets, catalogers: catalogers,
            keepContents: keep, whole: whole)
    }

    /// Hands the buffered part of a big file to the secret scanner, cut after the last newline.
    private mutating func flushChunk(final: Bool) {
        guard var c = current, c.forSecrets else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var cut = buffer.count
        if !final, let nl = buffer.lastIndex(of: 10) { cut = nl + 1 }
        let part = Array(buffer[0..<cut])
        buffer.removeFirst(cut)
        emit(
            FileJob(
                record: c.record, path: c.path, bytes: part, forSecrets: true, catalogers: [], keepContents: false,
                continuesPrevious: c.chunks > 0, chunked: true))
        c.chunks += 1
        current = c
    }

    private mutating func finishFile() {
        guard let c = current else { return }
        current = nil
        if !c.whole {
            flushChunk(final: true)
            buffer = []
            return
        }
        let bytes = buffer
        buffer = []
        emit(
            FileJob(
                record: c.record, path: c.path, bytes: bytes, forSecrets: c.forSecrets, catalogers: c.catalogers,
                keepContents: c.keepContents, continuesPrevious: false))
    }
}
