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
    let secrets: SecretScanSession?
    let progress: (@Sendable (Int64) -> Void)?

    func run(_ reader: inout any BlobReader, source: String) throws(ImageError) -> LayerScanResult {
        let what = "\(source): layer \(index + 1) (\(descriptor.digest ?? descriptor.location))"
        var blobHash = SHA256()
        var tarHash = SHA256()
        let decompressor = StreamDecompressor(maxOutputBytes: limits.maxLayerBytes)
        var state = WalkState(scanner: self)
        var tar = TarReader()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        do {
            while true {
                let n = try reader.read(into: chunk)
                if n == 0 { break }
                let input = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
                blobHash.update(bufferPointer: input)
                progress?(Int64(n))
                try decompressor.feed(input) { out in
                    tarHash.update(bufferPointer: out)
                    try tar.feed(out) { event in try state.handle(event) }
                }
            }
            try decompressor.finish()
            try tar.finish()
        } catch {
            // A corrupt blob is best explained by its digest: finish hashing it and say so when it is wrong.
            if let expected = descriptor.digest, expected.hasPrefix("sha256:") {
                while let n = try? reader.read(into: chunk), n > 0 {
                    blobHash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
                }
                let actual = Digest.hex(blobHash.finalize())
                if actual != expected {
                    throw ImageError(
                        .digestMismatch,
                        "\(what): blob digest mismatch: manifest says \(expected), content is \(actual) (\(Self.describe(error)))"
                    )
                }
            }
            throw Self.imageError(error, what)
        }

        let blobDigest = Digest.hex(blobHash.finalize())
        let diffID = Digest.hex(tarHash.finalize())
        if let expected = descriptor.digest, expected.hasPrefix("sha256:"), expected != blobDigest {
            throw ImageError(
                .digestMismatch, "\(what): blob digest mismatch: manifest says \(expected), content is \(blobDigest)")
        }
        if let expected = expectedDiffID, expected.hasPrefix("sha256:"), expected != diffID {
            throw ImageError(
                .digestMismatch,
                "\(what): uncompressed digest mismatch: config diff_ids says \(expected), content is \(diffID)")
        }
        var result = state.result
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

/// The per-entry state machine of a layer walk.
private struct WalkState {
    let scanner: LayerScanner
    var result = LayerScanResult(index: 0, digest: "", diffID: "", encoding: "")
    /// The file being read, when some analyzer wants its bytes.
    private var current: Current?
    private var buffer: [UInt8] = []
    private var entries = 0
    private var hostilePaths = 0

    private struct Current {
        var record: Int
        var path: String
        var size: Int64
        var forSecrets: Bool
        var catalogers: [any PackageCataloger]
        var keepContents: Bool
        /// Whole file held in `buffer`; false means secrets are scanned chunk by chunk.
        var whole: Bool
        var nextLine = 1
    }

    init(scanner: LayerScanner) {
        self.scanner = scanner
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
        var forSecrets = scanner.secrets != nil
        if forSecrets && e.size > scanner.limits.maxSecretFileBytes {
            forSecrets = false
            result.notes.append(
                "layer \(scanner.index + 1): \(path) (\(e.size) bytes) is larger than the secret-scan limit; not scanned"
            )
        }
        guard forSecrets || !catalogers.isEmpty || keep else { return }
        let whole = !catalogers.isEmpty || keep || e.size <= Int64(scanner.limits.secretChunkBytes)
        if whole { buffer.reserveCapacity(size) }
        current = Current(
            record: result.records.count - 1, path: path, size: e.size, forSecrets: forSecrets,
            catalogers: catalogers, keepContents: keep, whole: whole)
    }

    /// Hands the buffered part of a big file to the secret scanner, cut after the last newline.
    private mutating func flushChunk(final: Bool) {
        guard var c = current, c.forSecrets, let session = scanner.secrets else {
            if !final { buffer.removeAll(keepingCapacity: true) }
            return
        }
        var cut = buffer.count
        if !final, let nl = buffer.lastIndex(of: 10) { cut = nl + 1 }
        let matches = buffer.withUnsafeBytes { all in
            session.scanFile(
                path: c.path, contents: UnsafeRawBufferPointer(rebasing: all[0..<cut]), firstLine: c.nextLine)
        }
        if !matches.isEmpty { appendSecrets(c.record, matches) }
        c.nextLine += buffer[0..<cut].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        buffer.removeFirst(cut)
        current = c
    }

    private mutating func appendSecrets(_ record: Int, _ matches: [SecretMatch]) {
        if let last = result.secrets.last, last.record == record {
            result.secrets[result.secrets.count - 1].matches += matches
        } else {
            result.secrets.append((record, matches))
        }
    }

    private mutating func finishFile() {
        guard let c = current else { return }
        defer {
            current = nil
            buffer.removeAll(keepingCapacity: buffer.capacity <= 32 << 20)
        }
        if !c.whole {
            flushChunk(final: true)
            return
        }
        buffer.withUnsafeBytes { bytes in
            if c.forSecrets, let session = scanner.secrets {
                var offset = 0
                var line = 1
                let chunk = scanner.limits.secretChunkBytes
                while offset < bytes.count {
                    var end = min(bytes.count, offset + chunk)
                    if end < bytes.count, let nl = bytes[offset..<end].lastIndex(of: 10), nl > offset { end = nl + 1 }
                    let part = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
                    let matches = session.scanFile(path: c.path, contents: part, firstLine: line)
                    if !matches.isEmpty { appendSecrets(c.record, matches) }
                    if end < bytes.count { line += part.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
                    offset = end
                }
            }
            for cataloger in c.catalogers {
                do {
                    let packages = try cataloger.catalog(path: c.path, contents: bytes)
                    if !packages.isEmpty { result.packages.append((c.record, packages)) }
                } catch {
                    if result.notes.count < 200 {
                        result.notes.append("layer \(scanner.index + 1): \(cataloger.id): \(error)")
                    }
                }
            }
        }
        if c.keepContents { result.contents[c.record] = buffer }
    }
}
