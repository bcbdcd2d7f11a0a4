import Foundation
import PalisadeCore
import PalisadeSBOM
import PalisadeSecrets
import Synchronization

/// Scans one image: resolves it, streams every layer once (in parallel across layers), merges
/// the layers to tell present files from fossils, and runs the secret, package and configuration
/// analyzers over what the walk collected.
public struct ImageScanner: Sendable {
    public let options: ImageScanOptions
    private let secretScanner: SecretScanner?
    private let catalogers: [any PackageCataloger]
    private let hygiene = ImageHygieneAnalyzer()

    /// Files whose contents the scan itself needs (OS detection), besides the hygiene checks'.
    static let osFiles: Set<String> = Set(OSReleaseParser.allPaths)

    public init(options: ImageScanOptions) throws(ImageError) {
        self.options = options
        if options.scanSecrets {
            do { secretScanner = try SecretScanner() } catch {
                throw ImageError(.unsupported, "secret scanner: \(error)")
            }
        } else {
            secretScanner = nil
        }
        catalogers = options.catalogPackages ? OSPackageCatalogers.all + LanguageCatalogers.all : []
    }

    /// The source for a parsed reference.
    public static func source(for reference: ImageReference, as typed: String, dockerSocket: String? = nil)
        throws(ImageError) -> any ImageSource
    {
        switch reference {
        case .ociLayout(let dir, let tag):
            return OCILayoutSource(directory: dir, tag: tag, reference: typed)
        case .ociArchive(let file, let tag):
            return try OCILayoutSource(archive: file, tag: tag, reference: typed)
        case .dockerArchive(let file, let tag):
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: file, isDirectory: &isDir)
            return try DockerArchiveSource(path: file, tag: tag, reference: typed, isDirectory: isDir.boolValue)
        case .daemon(let name):
            return try DaemonImageSource.fetch(name: name, socket: dockerSocket, reference: typed)
        case .registry:
            // Registries are read by PalisadeRegistry's RegistryImageSource, which the CLI builds.
            throw ImageError(.unsupported, "\(typed): registry images need the registry source")
        }
    }

    public func scan(
        _ source: any ImageSource, progress: (@Sendable (ImageScanProgress) -> Void)? = nil
    ) async throws(ImageError) -> ImageScanResult {
        let resolved = try source.resolve(platform: options.platform)
        let config = try ImageConfigParser.parse(resolved.configBytes, what: "\(source.reference): image config")
        let layerCount = resolved.layers.count
        if !config.diffIDs.isEmpty && config.diffIDs.count != layerCount {
            throw ImageError(
                .malformed,
                "\(source.reference): the manifest lists \(layerCount) layers but the config has \(config.diffIDs.count) diff_ids"
            )
        }
        let totalBytes = resolved.layers.reduce(Int64(0)) { $0 + $1.size }
        let tracker = ProgressTracker(layerCount: layerCount, total: totalBytes, report: progress)
        let results = try await scanLayers(source, resolved, config, tracker)

        // Merge base first.
        var merger = LayerMerger(layerCount: layerCount)
        for r in results {
            merger.apply(layer: r.index, records: r.records, whiteouts: r.whiteouts, opaque: r.opaqueDirectories)
        }
        let historyIndices = ImageConfigParser.historyIndices(config, layerCount: layerCount)
        let layers = results.map { r in
            LayerInfo(
                index: r.index, digest: r.digest, diffID: r.diffID, mediaType: resolved.layers[r.index].mediaType,
                size: resolved.layers[r.index].size, uncompressedSize: r.uncompressedSize, entryCount: r.entryCount,
                historyIndex: historyIndices[r.index])
        }

        var findings: [Finding] = []
        var notes = results.flatMap(\.notes)
        let reference = source.reference

        // Secrets in files.
        for r in results {
            for (recordIndex, matches) in r.secrets {
                let record = merger.records[r.index][recordIndex]
                let presence: Presence = record.removedBy == nil ? .present : .removed
                for m in matches {
                    findings.append(
                        secretFinding(
                            m, reference: reference, path: record.path, layer: r.digest, presence: presence,
                            removedBy: record.removedBy))
                }
            }
        }
        // Secrets in the config.
        if let scanner = secretScanner {
            findings += configSecrets(config, scanner.makeSession(), reference: reference)
        }

        // Contents of visible wanted files.
        var contents: [String: [UInt8]] = [:]
        var fossils: [ImageHygieneAnalyzer.FossilKey: [UInt8]] = [:]
        for r in results {
            for (recordIndex, bytes) in r.contents {
                let path = merger.records[r.index][recordIndex].path
                if merger.isVisible(layer: r.index, index: recordIndex) {
                    contents[path] = bytes
                } else {
                    fossils[ImageHygieneAnalyzer.FossilKey(path: path, layer: r.index)] = bytes
                }
            }
        }
        let os = OSReleaseParser.detect(files: contents)

        // Packages visible in the merged filesystem.
        var packages: [Package] = []
        for r in results {
            for (recordIndex, found) in r.packages where merger.isVisible(layer: r.index, index: recordIndex) {
                for var p in found {
                    p.layer = r.digest
                    packages.append(p)
                }
            }
        }
        packages = SBOMAssembler.assemble(packages: packages, os: os)

        let allRecords = merger.records.flatMap { $0 }
        if options.checkConfiguration {
            let facts = ImageFacts(
                reference: reference, config: config, layers: layers, files: allRecords, contents: contents)
            findings += hygiene.analyze(facts, removedContents: fossils)
        }
        if notes.count > 500 {
            let dropped = notes.count - 500
            notes = Array(notes.prefix(500)) + ["… \(dropped) more notes"]
        }
        return ImageScanResult(
            reference: reference, manifestDigest: resolved.manifestDigest, configDigest: resolved.configDigest,
            tags: resolved.tags, config: config, layers: layers, findings: findings, packages: packages, os: os,
            files: allRecords, notes: notes)
    }

    private func scanLayers(
        _ source: any ImageSource, _ resolved: ResolvedImage, _ config: ImageConfig, _ tracker: ProgressTracker
    ) async throws(ImageError) -> [LayerScanResult] {
        let jobs = max(1, options.jobs > 0 ? options.jobs : ProcessInfo.processInfo.activeProcessorCount)
        let osFiles = Self.osFiles
        let wants: @Sendable (String, Int) -> Bool = { path, size in
            osFiles.contains(path) || ImageHygieneAnalyzer.wantsContents(path: path, size: size)
        }
        // Biggest layers first, so one large base layer does not start last.
        let order = resolved.layers.indices.sorted { resolved.layers[$0].size > resolved.layers[$1].size }
        let outcome: Result<[LayerScanResult], ImageError> = await withTaskGroup(
            of: Result<LayerScanResult, ImageError>.self
        ) { group in
            var next = 0
            func launch() {
                let i = order[next]
                next += 1
                let descriptor = resolved.layers[i]
                let diffID = i < config.diffIDs.count ? config.diffIDs[i] : nil
                group.addTask { [self] in
                    do throws(ImageError) {
                        var reader = try source.openLayer(descriptor)
                        let scanner = LayerScanner(
                            index: i, descriptor: descriptor, expectedDiffID: diffID, limits: options.limits,
                            catalogers: catalogers, wantsContents: wants, secretScanner: secretScanner,
                            progress: { tracker.read($0) })
                        let result = try scanner.run(&reader, source: source.reference)
                        tracker.layerDone()
                        return .success(result)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            while next < min(jobs, order.count) { launch() }
            var results: [LayerScanResult] = []
            var failure: ImageError?
            for await r in group {
                switch r {
                case .success(let result): results.append(result)
                case .failure(let error):
                    if failure == nil { failure = error }
                    group.cancelAll()
                }
                if failure == nil && next < order.count { launch() }
            }
            if let failure { return .failure(failure) }
            return .success(results.sorted { $0.index < $1.index })
        }
        return try outcome.get()
    }

    /// Every match comes from a rule of the catalog; the fallback only guards against a rule set
    /// and catalog drifting apart.
    private static func secretRule(_ m: SecretMatch) -> RuleMetadata {
        SecretRules.metadata(id: m.ruleId)
            ?? RuleMetadata(
                id: m.ruleId, title: "Secret in image", severity: m.severity, category: "Secrets",
                why: "A credential inside an image is readable by anyone who can pull it.",
                remediation: "Remove the secret from the image and rotate it.")
    }

    private func secretFinding(
        _ m: SecretMatch, reference: String, path: String, layer: String, presence: Presence, removedBy: Int?
    ) -> Finding {
        let rule = Self.secretRule(m)
        var message = m.message
        if let by = removedBy {
            message +=
                "; removed by layer \(by + 1) but still shipped in this layer, so every pull downloads it (rotate it)"
        }
        var f = Finding(
            rule: rule, message: message, object: nil,
            location: Location(
                file: reference, line: m.line, column: m.column, path: path, layer: layer, presence: presence),
            evidence: m.redacted)
        f.severity = m.severity
        return f
    }

    private func configSecrets(_ config: ImageConfig, _ session: SecretScanSession, reference: String) -> [Finding] {
        var texts: [(path: String, text: String)] = []
        for (i, e) in config.env.enumerated() { texts.append(("config.Env[\(i)]", e)) }
        for l in config.labels { texts.append(("config.Labels[\(l.key)]", "\(l.key)=\(l.value)")) }
        if let ep = config.entrypoint, !ep.isEmpty { texts.append(("config.Entrypoint", ep.joined(separator: " "))) }
        if let cmd = config.cmd, !cmd.isEmpty { texts.append(("config.Cmd", cmd.joined(separator: " "))) }
        for (i, h) in config.history.enumerated() where !h.createdBy.isEmpty {
            texts.append(("history[\(i)].created_by", h.createdBy))
        }
        var findings: [Finding] = []
        for (path, text) in texts {
            for m in session.scanText(text, context: path) {
                let rule = Self.secretRule(m)
                var f = Finding(
                    rule: rule, message: m.message + " in the image configuration (\(path))", object: nil,
                    location: Location(file: reference, line: 0, column: 0, path: path, presence: .present),
                    evidence: m.redacted)
                f.severity = m.severity
                findings.append(f)
            }
        }
        return findings
    }
}

/// Thread-safe progress counters shared by the layer tasks.
final class ProgressTracker: Sendable {
    private struct State {
        var done = 0
        var read: Int64 = 0
        var lastReport: Int64 = 0
    }

    private let state = Mutex(State())
    private let layerCount: Int
    private let total: Int64
    private let report: (@Sendable (ImageScanProgress) -> Void)?

    init(layerCount: Int, total: Int64, report: (@Sendable (ImageScanProgress) -> Void)?) {
        self.layerCount = layerCount
        self.total = total
        self.report = report
    }

    func read(_ n: Int64) {
        guard let report else { return }
        let snapshot: ImageScanProgress? = state.withLock { s in
            s.read += n
            guard s.read - s.lastReport >= 8 << 20 else { return nil }
            s.lastReport = s.read
            return ImageScanProgress(
                layersDone: s.done, layerCount: layerCount, compressedBytesRead: s.read, compressedBytesTotal: total)
        }
        if let snapshot { report(snapshot) }
    }

    func layerDone() {
        guard let report else { return }
        let snapshot = state.withLock { s in
            s.done += 1
            return ImageScanProgress(
                layersDone: s.done, layerCount: layerCount, compressedBytesRead: s.read, compressedBytesTotal: total)
        }
        report(snapshot)
    }
}
