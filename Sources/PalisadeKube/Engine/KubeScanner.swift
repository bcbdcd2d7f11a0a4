import Foundation
import PalisadeCore
import PalisadeFormats

/// Options for a Kubernetes scan.
public struct KubeScanOptions: Sendable {
    public var context: RuleContext
    public var selection: RuleSelection
    /// Severities to report (`--severity`); rules of other severities are not run at all, so
    /// their findings are never built. `nil` reports every severity.
    public var severities: Set<Severity>?
    public var limits: YAMLLimits
    /// Largest input accepted, per file (512 MiB by default: far above any real manifest set, and a
    /// device or endless pipe given by mistake stops with a clear error).
    public var maxFileBytes: Int
    /// Files or document batches evaluated at once; defaults to the number of cores.
    public var parallelism: Int

    public init(
        context: RuleContext = RuleContext(), selection: RuleSelection = .all, severities: Set<Severity>? = nil,
        limits: YAMLLimits = .default, maxFileBytes: Int = 512 << 20,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.context = context
        self.selection = selection
        self.severities = severities
        self.limits = limits
        self.maxFileBytes = maxFileBytes
        self.parallelism = max(1, parallelism)
    }
}

/// Scans Kubernetes manifests: parses every document, runs every rule on every object (workloads
/// through their pod template), then the cross-object rules over compact summaries.
/// Files, and batches of documents in large files, are evaluated in parallel on all cores.
public struct KubeScanner: Sendable {
    public let rules: KubeRuleSet
    public let options: KubeScanOptions
    /// The selected rules; Pod Security rules always run, since they decide each workload's level.
    private let objectRules: [any ObjectRule]
    /// Workload rules to run, and in `reportWorkloadRule` whether each one's findings are reported
    /// (parallel arrays: an array of tuples is copied element by element when read).
    private let workloadRules: [any WorkloadRule]
    private let reportWorkloadRule: [Bool]
    /// Each workload rule's metadata, read once: asking the existential for it copies every field.
    private let workloadMetadata: [RuleMetadata]
    private let crossObjectRules: [any CrossObjectRule]

    public init(rules: KubeRuleSet = .builtIn, options: KubeScanOptions = KubeScanOptions()) {
        self.rules = rules
        self.options = options
        let sel = options.selection
        let severities = options.severities
        let wanted = { (rule: RuleMetadata) in
            sel.isEnabled(rule.id) && (severities?.contains(rule.severity) ?? true)
        }
        objectRules = rules.objectRules.filter { wanted($0.metadata) }
        let runWorkload = rules.workloadRules.filter { wanted($0.metadata) || $0.metadata.frameworks.pss != nil }
        workloadRules = runWorkload
        reportWorkloadRule = runWorkload.map { wanted($0.metadata) }
        workloadMetadata = runWorkload.map(\.metadata)
        crossObjectRules = rules.crossObjectRules.filter { wanted($0.metadata) }
    }

    /// Batches of documents in one buffer are at least this big before they get their own task.
    static let batchBytes = 128 * 1024

    /// Scans everything and returns one merged result (tests and small inputs; the CLI streams).
    public func scan(_ inputs: [KubeInput]) async -> KubeScanResult {
        var result = KubeScanResult()
        await scan(inputs, process: { $0 }, consume: { result.merge($0) })
        result.findings.sortForReport()
        return result
    }

    /// Scans `inputs` as a stream of batches, so memory stays bounded by the batches in flight
    /// rather than the whole input or all findings.
    ///
    /// Each batch is one file, or a run of documents from a large file; its findings are in
    /// report order. `process` runs on the batch in the scanning task (in parallel: filter and
    /// render there); `consume` receives the processed batches one at a time, in input order.
    /// Unreadable inputs arrive as batches holding just the error; the findings of cross-object
    /// rules arrive in a last batch.
    public func scan<Output: Sendable>(
        _ inputs: [KubeInput], process: @escaping @Sendable (KubeScanResult) -> Output,
        consume: (Output) async -> Void
    ) async {
        let window = options.parallelism * 2
        var summaries: [ObjectSummary] = []
        await withTaskGroup(of: (Int, Output, [ObjectSummary]).self) { group in
            var next = 0
            var emitted = 0
            var running = 0
            var ready: [Int: Output] = [:]

            func emitReady() async {
                while let out = ready.removeValue(forKey: emitted) {
                    await consume(out)
                    emitted += 1
                }
            }
            func collectOne() async {
                guard let (index, out, s) = await group.next() else { return }
                running -= 1
                ready[index] = out
                summaries.append(contentsOf: s)
                await emitReady()
            }

            for input in inputs {
                let buffer: SourceBuffer
                do throws(InputError) {
                    switch input {
                    case .file(let path): buffer = try SourceBuffer.read(path: path, maxBytes: options.maxFileBytes)
                    case .standardInput: buffer = try SourceBuffer.readStandardInput(maxBytes: options.maxFileBytes)
                    }
                } catch {
                    var failed = KubeScanResult()
                    failed.errors.append(error)
                    ready[next] = process(failed)
                    next += 1
                    await emitReady()
                    continue
                }
                for (n, chunks) in Self.batches(of: buffer).enumerated() {
                    // Bound both the tasks running and the finished batches waiting for an earlier one.
                    while running >= window || next - emitted >= window * 4 { await collectOne() }
                    let index = next
                    let first = n == 0
                    group.addTask {
                        var (result, s) = self.scan(buffer: buffer, chunks: chunks)
                        if first {
                            result.fileCount = 1
                            result.byteCount = buffer.count
                        }
                        return (index, process(result), s)
                    }
                    next += 1
                    running += 1
                }
            }
            while running > 0 { await collectOne() }
            await emitReady()
        }
        var last = KubeScanResult()
        last.findings = crossObjectFindings(summaries)
        last.findings.sortForReport()
        await consume(process(last))
    }

    /// Scans one in-memory buffer synchronously (tests, admission, stdin).
    public func scan(buffer: SourceBuffer) -> KubeScanResult {
        var (result, summaries) = scan(buffer: buffer, chunks: DocumentSplitter.split(buffer.bytes))
        result.fileCount = 1
        result.byteCount = buffer.count
        result.findings.append(contentsOf: crossObjectFindings(summaries))
        result.findings.sortForReport()
        return result
    }

    static func batches(of buffer: SourceBuffer) -> [[DocumentSplitter.Chunk]] {
        let chunks = DocumentSplitter.split(buffer.bytes)
        guard buffer.count > batchBytes * 2 else { return [chunks] }
        var out: [[DocumentSplitter.Chunk]] = []
        var current: [DocumentSplitter.Chunk] = []
        var size = 0
        for c in chunks {
            current.append(c)
            size += c.range.count
            if size >= batchBytes {
                out.append(current)
                current = []
                size = 0
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private func scan(buffer: SourceBuffer, chunks: [DocumentSplitter.Chunk]) -> (KubeScanResult, [ObjectSummary]) {
        var result = KubeScanResult()
        var summaries: [ObjectSummary] = []
        var skipped: [Int] = []
        let bytes = buffer.bytes
        for chunk in chunks {
            let parser = YAMLStreamParser(
                bytes: UnsafeRawBufferPointer(rebasing: bytes[chunk.range]), file: buffer.name,
                lineOffset: chunk.lineOffset, limits: options.limits)
            do {
                while let doc = try parser.next() {
                    evaluateDocument(
                        doc.root, file: buffer.name, result: &result, summaries: &summaries, skipped: &skipped)
                }
            } catch {
                result.errors.append(error)
            }
        }
        result.findings.sortForReport()
        result.workloads.sort { $0.line < $1.line }
        if !skipped.isEmpty {
            let lines = skipped.prefix(5).map(String.init).joined(separator: ", ")
            let more = skipped.count > 5 ? ", …" : ""
            result.notes.append(
                "\(buffer.name): skipped \(skipped.count) document(s) that are not Kubernetes objects (no apiVersion/kind) at line \(lines)\(more)"
            )
        }
        return (result, summaries)
    }

    private func evaluateDocument(
        _ root: YAMLNode, file: String, result: inout KubeScanResult, summaries: inout [ObjectSummary],
        skipped: inout [Int]
    ) {
        if root.isNull { return }
        guard let object = KubeObject(root: root, file: file) else {
            skipped.append(root.mark.line)
            return
        }
        // `kind: List` and typed lists (`PodList`, …) carry their objects in `items`.
        if object.kind.hasSuffix("List"), let items = root["items"]?.items {
            for item in items {
                evaluateDocument(item, file: file, result: &result, summaries: &summaries, skipped: &skipped)
            }
            return
        }
        result.objectCount += 1
        let evaluation = evaluate(object, honouringIgnoreAnnotation: true)
        result.suppressedByAnnotation += evaluation.suppressedByAnnotation
        let findings = evaluation.findings
        let pod = evaluation.pod
        if let level = evaluation.podSecurityLevel {
            result.workloads.append(
                WorkloadPosture(object: object.reference, file: file, line: object.mark.line, podSecurityLevel: level))
        }
        result.findings.append(contentsOf: findings)
        if crossObjectRules.contains(where: { $0.wants(object, isWorkload: pod != nil) }) {
            summaries.append(ObjectSummary(object, pod: pod))
        }
    }

    /// What the selected rules find in one object.
    public struct ObjectEvaluation: Sendable {
        /// Findings of the selected rules, in rule order.
        public var findings: [Finding]
        /// The pod view when the object is a workload.
        public var pod: PodSpecView?
        /// The workload's Pod Security level (the strictest level it meets), for workloads.
        public var podSecurityLevel: PodSecurityLevel?
        /// Findings dropped because of the object's `palisade.dev/ignore` annotation.
        public var suppressedByAnnotation: Int
    }

    /// Runs the object rules and, for workloads, the workload rules on one object. Admission passes
    /// `honouringIgnoreAnnotation: false`: an annotation the object's author writes must not let
    /// them past an enforced rule (exemptions belong in the policy, under the cluster admin's control).
    public func evaluate(_ object: KubeObject, honouringIgnoreAnnotation: Bool) -> ObjectEvaluation {
        let ignored = honouringIgnoreAnnotation ? Self.ignoredRules(object) : []
        var findings: [Finding] = []
        var suppressed = 0
        let (pod, level) = forEachViolation(object) { rule, v in
            if !ignored.isEmpty, ignored.contains(where: { RuleSelection.matches($0, rule.id) }) {
                suppressed += 1
                return
            }
            findings.append(finding(rule, v, object))
        }
        return ObjectEvaluation(
            findings: findings, pod: pod, podSecurityLevel: level, suppressedByAnnotation: suppressed)
    }

    /// One reported violation as admission needs it: no title, remediation or framework lists copied
    /// into a `Finding`, since a webhook answers thousands of reviews a second.
    public struct RuleHit: Sendable {
        public var ruleId: String
        /// The Pod Security level whose control this rule checks, if any.
        public var podSecurityLevel: PodSecurityLevel?
        public var message: String
        /// The field path (`spec.template.spec.containers[0].image`).
        public var path: String
    }

    /// The selected rules' violations in one object, in rule order, as `RuleHit`s. Object annotations
    /// never suppress them (see `evaluate(_:honouringIgnoreAnnotation:)`).
    public func hits(_ object: KubeObject) -> [RuleHit] {
        var out: [RuleHit] = []
        _ = forEachViolation(object) { rule, v in
            out.append(
                RuleHit(
                    ruleId: rule.id, podSecurityLevel: rule.frameworks.pss?.level, message: v.message,
                    path: fieldPath(v, object).path))
        }
        return out
    }

    /// Calls `report` for every violation of a selected rule, in rule order; returns the pod view for
    /// workloads and the workload's Pod Security level (the strictest level it meets).
    private func forEachViolation(
        _ object: KubeObject, _ report: (borrowing RuleMetadata, Violation) -> Void
    ) -> (PodSpecView?, PodSecurityLevel?) {
        let context = options.context
        // The rules are read in place through buffer pointers: iterating the arrays would copy each
        // existential (a boxed value copy and a retain per rule, per object).
        objectRules.withUnsafeBufferPointer { rules in
            for i in rules.indices where rules[i].applies(to: object) {
                let violations = rules[i].evaluate(object, context: context)
                if violations.isEmpty { continue }
                let metadata = rules[i].metadata
                for v in violations { report(metadata, v) }
            }
        }
        guard let pod = PodSpecView(object) else { return (nil, nil) }
        var reachedLevel = PodSecurityLevel.restricted
        workloadRules.withUnsafeBufferPointer { rules in
            workloadMetadata.withUnsafeBufferPointer { metadata in
                for i in rules.indices {
                    let violations = rules[i].evaluate(pod, context: context)
                    if violations.isEmpty { continue }
                    if let pss = metadata[i].frameworks.pss {
                        // Violating a baseline control drops the pod to privileged; a restricted one to baseline.
                        let reached: PodSecurityLevel = pss.level == .baseline ? .privileged : .baseline
                        reachedLevel = min(reachedLevel, reached)
                    }
                    if reportWorkloadRule[i] {
                        for v in violations { report(metadata[i], v) }
                    }
                }
            }
        }
        return (pod, reachedLevel)
    }

    /// Rule ids (upper-cased, `*` globs allowed) listed in the object's `palisade.dev/ignore` annotation.
    static func ignoredRules(_ object: KubeObject) -> [String] {
        guard let value = object.root["metadata"]?["annotations"]?["palisade.dev/ignore"]?.string else { return [] }
        return value.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.uppercased() }
    }

    func finding(_ rule: borrowing RuleMetadata, _ v: Violation, _ object: KubeObject) -> Finding {
        let (path, mark) = fieldPath(v, object)
        return Finding(
            rule: copy rule, message: v.message, object: object.reference,
            location: Location(file: object.file, line: mark.line, column: mark.column, path: path))
    }

    /// Where a violation is: its node's field path (plus the missing field, for absent ones) and position.
    func fieldPath(_ v: Violation, _ object: KubeObject) -> (path: String, mark: SourceMark) {
        let (path, mark) = object.locate(v.node)
        guard let missing = v.missing else { return (path, mark) }
        return (path.isEmpty || missing.hasPrefix("[") ? path + missing : path + "." + missing, mark)
    }

    private func crossObjectFindings(_ summaries: [ObjectSummary]) -> [Finding] {
        guard !crossObjectRules.isEmpty else { return [] }
        var out: [Finding] = []
        for rule in crossObjectRules {
            for v in rule.evaluate(summaries, context: options.context) {
                out.append(
                    Finding(
                        rule: rule.metadata, message: v.message, object: v.object,
                        location: Location(file: v.file, line: v.mark.line, column: v.mark.column, path: v.path)))
            }
        }
        return out
    }
}
