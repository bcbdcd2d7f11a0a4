import CHyperscan
import PalisadeCore

/// Scans files and config strings with a ``SecretScanner``'s rules. Holds the per-thread state
/// (Hyperscan scratch, PCRE2 match data, reusable buffers), so it is not `Sendable`: give every
/// concurrent task its own session via ``SecretScanner/makeSession()``.
///
/// How a scan works: Hyperscan runs every rule's detector over the bytes in one pass and reports
/// match *ends*. For each hit not already covered, PCRE2 runs on the hit's line (or, for multi-line
/// rules such as PEM keys, forward from it) to extract the secret; the value then has to pass the
/// rule's entropy, placeholder and structure checks. Overlapping matches keep only the most
/// specific rule: `GITHUB_TOKEN=ghp_…` is reported once, as a GitHub token, not also as a generic
/// token assignment.
///
/// Binary files (a NUL byte in the first 8 KiB of the chunk) are scanned only with the rules marked
/// binary-safe: fixed-prefix tokens (AKIA…, ghp_…, sk_live_…) and armoured private keys. Keyword and
/// generic rules would match noise in compiled code and data files.
public final class SecretScanSession {
    private let scanner: SecretScanner
    private let scratch: HyperscanScratch?
    private let pcre: PCRE2MatchState

    // Per-call state, reused between calls so a scan allocates nothing proportional to its input.
    private var subject: UnsafePointer<UInt8>?
    private var subjectLength = 0
    private var hitOffsetBase = 0
    private var isBinary = false
    private var ruleApplies: [Bool]
    /// Rules that apply only to some file names (`.pypirc`, kubeconfig): re-evaluated per file.
    private let pathRuleIndices: [Int]
    /// True after `scanText`, which disables the file-name rules and must be undone by `scanFile`.
    private var textMode = false
    private var coveredUntil: [Int]
    private var candidates: [Candidate] = []

    /// How far PCRE2 looks back and ahead of a hit on one (very long) line.
    static let lineWindowRadius = 2048
    /// Chunks are declared binary when a NUL byte occurs this early.
    static let binaryProbeLength = 8192

    init(scanner: SecretScanner) {
        self.scanner = scanner
        self.scratch = HyperscanScratch(
            for: [scanner.database, scanner.fileNameDatabase, scanner.binaryDatabase].compactMap { $0 })
        self.pcre = PCRE2MatchState(maxCaptureCount: scanner.maxCaptureCount)
        self.ruleApplies = Array(repeating: true, count: scanner.rules.count)
        self.pathRuleIndices = scanner.rules.indices.filter { scanner.rules[$0].paths != nil }
        self.coveredUntil = Array(repeating: -1, count: scanner.rules.count)
    }

    /// Scans one file's contents (or one chunk of it, split at a newline, with the chunk's first
    /// line number). `path` is the absolute path in the image: it enables file-name rules
    /// (`.pypirc`, `.git-credentials`, kubeconfig, PKCS#12 `.p12`/`.pfx`), names the file kind in
    /// messages, and lowers package test fixtures (e.g. `site-packages/*/tests/`) to `.low`.
    public func scanFile(path: String, contents: UnsafeRawBufferPointer, firstLine: Int = 1) -> [SecretMatch] {
        // Only file-name rules depend on the path; the others stay enabled (see `scanText`).
        let base = PathCondition.baseName(of: path)
        var fileNameRuleApplies = false
        for i in pathRuleIndices {
            ruleApplies[i] = scanner.rules[i].paths!.matches(path: path, base: base)
            if ruleApplies[i] { fileNameRuleApplies = true }
        }
        if textMode {
            for i in ruleApplies.indices where scanner.rules[i].paths == nil { ruleApplies[i] = true }
            textMode = false
        }
        isBinary = Self.looksBinary(contents)
        let main = isBinary ? scanner.binaryDatabase : scanner.database
        let databases = [main, fileNameRuleApplies ? scanner.fileNameDatabase : nil].compactMap { $0 }
        var matches = scan(contents, with: databases, firstLine: firstLine, origin: .file(path))
        if firstLine == 1, scanner.keyStoreRuleEnabled, KeyStoreFileRule.matches(path: path, contents: contents) {
            let fixture = PackageTestFixture.matches(path: path)
            let place = FileDescription.of(path: path)
            let rule = KeyStoreFileRule.metadata
            matches.insert(
                SecretMatch(
                    ruleId: rule.id, severity: fixture ? min(rule.severity, .low) : rule.severity, line: 1,
                    column: 1, redacted: "PKCS#12 archive, \(contents.count) bytes (contents not shown)",
                    message: "PKCS#12 key store (private key archive) in \(place)"
                        + (fixture ? ", a test fixture inside a package" : "")),
                at: 0)
        }
        return matches
    }

    /// Scans a string from the image config: an `Env` entry (`NAME=value`), a label (`key=value`),
    /// `Cmd`/`Entrypoint` joined with spaces, or a history `created_by` (where build args leak). Line
    /// and column are within `text`; `context` names where it came from in messages, e.g.
    /// "the image config Env".
    public func scanText(_ text: String, context: String) -> [SecretMatch] {
        for i in ruleApplies.indices { ruleApplies[i] = scanner.rules[i].paths == nil }
        textMode = true
        isBinary = false
        var text = text
        return text.withUTF8 { utf8 in
            scan(
                UnsafeRawBufferPointer(utf8), with: [scanner.database].compactMap { $0 }, firstLine: 1,
                origin: .text(context.isEmpty ? "the image config" : context))
        }
    }

    // MARK: - Scanning

    /// Where scanned bytes come from; the path's description and test-fixture status are only
    /// worked out when something matched (most files match nothing).
    private enum Origin {
        case file(String)
        case text(String)

        var placeAndFixture: (place: String, fixture: Bool) {
            switch self {
            case .file(let path): (FileDescription.of(path: path), PackageTestFixture.matches(path: path))
            case .text(let context): (context, false)
            }
        }
    }

    private func scan(
        _ bytes: UnsafeRawBufferPointer, with databases: [HyperscanDatabase], firstLine: Int, origin: Origin
    ) -> [SecretMatch] {
        guard !databases.isEmpty, let scratch, let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        subject = base.assumingMemoryBound(to: UInt8.self)
        subjectLength = bytes.count
        candidates.removeAll(keepingCapacity: true)
        for i in coveredUntil.indices { coveredUntil[i] = -1 }
        defer { subject = nil }

        // hs_scan takes a 32-bit length; larger buffers go in 1 GiB slices.
        let slice = 1 << 30
        var sliceStart = 0
        for database in databases {
            sliceStart = 0
            while sliceStart < bytes.count {
                let sliceLength = min(slice, bytes.count - sliceStart)
                hitOffsetBase = sliceStart
                let context = Unmanaged.passUnretained(self).toOpaque()
                _ = hs_scan(
                    database.handle, (base + sliceStart).assumingMemoryBound(to: CChar.self), UInt32(sliceLength), 0,
                    scratch.handle,
                    { id, _, to, _, context in
                        guard let context else { return 0 }
                        Unmanaged<SecretScanSession>.fromOpaque(context).takeUnretainedValue().onHit(
                            rule: Int(id), end: Int(to))
                        return 0
                    }, context)
                sliceStart += sliceLength
            }
        }
        guard !candidates.isEmpty else { return [] }
        let (place, fixture) = origin.placeAndFixture
        return report(bytes, firstLine: firstLine, place: place, fixture: fixture)
    }

    private func onHit(rule index: Int, end relativeEnd: Int) {
        let end = relativeEnd + hitOffsetBase
        guard index >= 0, index < scanner.rules.count, ruleApplies[index], end > coveredUntil[index],
            let subject
        else { return }
        let rule = scanner.rules[index]
        if isBinary && !rule.binarySafe { return }

        // The hit's line: a match ending in "\n" belongs to the line before it.
        var last = max(0, end - 1)
        if subject[last] == 0x0A && last > 0 { last -= 1 }
        let floor = max(0, end - Self.lineWindowRadius)
        var lineStart = last
        while lineStart > floor && subject[lineStart - 1] != 0x0A { lineStart -= 1 }
        switch rule.window {
        case .line:
            let ceiling = min(subjectLength, end + Self.lineWindowRadius)
            var lineEnd = last
            while lineEnd < ceiling && subject[lineEnd] != 0x0A { lineEnd += 1 }
            var from = lineStart
            var guardCount = 0
            while from < lineEnd, guardCount < 1000,
                let match = pcre.firstMatch(scanner.patterns[index], in: subject, length: lineEnd, from: from)
            {
                consider(match, rule: index)
                from = max(match.end, match.start + 1)
                guardCount += 1
            }
            coveredUntil[index] = max(end, lineEnd)
        case .forward(let maxBytes):
            let ceiling = min(subjectLength, end + maxBytes)
            if let match = pcre.firstMatch(scanner.patterns[index], in: subject, length: ceiling, from: lineStart),
                match.start < end
            {
                consider(match, rule: index)
                coveredUntil[index] = match.end
            } else {
                coveredUntil[index] = end
            }
        }
    }

    /// Applies the rule's value filters to one PCRE2 match and keeps it as a candidate.
    private func consider(_ match: PCRE2Match, rule index: Int) {
        guard let subject else { return }
        let rule = scanner.rules[index]
        guard
            let group = rule.secretGroups.first(where: { $0 - 1 < match.groups.count && match.groups[$0 - 1] != nil }),
            let secret = match.groups[group - 1], !secret.isEmpty
        else { return }
        let value = UnsafeRawBufferPointer(start: subject + secret.lowerBound, count: secret.count)
        if rule.minEntropy > 0 && ShannonEntropy.bitsPerByte(value) < rule.minEntropy { return }
        if PlaceholderFilter.isPlaceholder(value, policy: rule.placeholders) { return }
        if group == rule.unquotedGroup && PlaceholderFilter.isIdentifier(value) { return }
        if let keyGroup = rule.keyGroup, keyGroup - 1 < match.groups.count, let key = match.groups[keyGroup - 1] {
            let name = UnsafeRawBufferPointer(start: subject + key.lowerBound, count: key.count)
            if KeyNameFilter.isNonSecretKey(name) { return }
        }
        guard rule.validator.accepts(value) else { return }
        candidates.append(
            Candidate(
                rule: index, matchStart: match.start, matchEnd: match.end, secretStart: secret.lowerBound,
                secretEnd: secret.upperBound, specificity: rule.specificity))
    }

    // MARK: - Reporting

    private func report(
        _ bytes: UnsafeRawBufferPointer, firstLine: Int, place: String, fixture: Bool
    ) -> [SecretMatch] {
        let kept = Candidate.mostSpecific(candidates)
        var locator = LineLocator(bytes, firstLine: firstLine)
        var results: [SecretMatch] = []
        results.reserveCapacity(kept.count)
        for c in kept {
            let rule = scanner.rules[c.rule]
            let (line, column) = locator.locate(c.secretStart)
            let matchBytes = UnsafeRawBufferPointer(rebasing: bytes[c.matchStart..<c.matchEnd])
            let evidence = Redaction.evidence(
                match: matchBytes, secretStart: c.secretStart - c.matchStart, secretEnd: c.secretEnd - c.matchStart,
                style: rule.evidence)
            let severity = fixture ? min(rule.metadata.severity, .low) : rule.metadata.severity
            results.append(
                SecretMatch(
                    ruleId: rule.metadata.id, severity: severity, line: line, column: column, redacted: evidence,
                    message: "\(capitalized(rule.noun)) in \(place)"
                        + (fixture ? ", a test fixture inside a package" : "")))
        }
        return results
    }

    private func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, min(bytes.count, binaryProbeLength)) != nil
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
