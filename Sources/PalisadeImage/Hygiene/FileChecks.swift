import PalisadeCore

/// Rules over the filesystem records, from the single-pass `FileSystemScan`.
struct FileChecks {
    let facts: ImageFacts
    let locate: FindingLocator
    let scan: FileSystemScan
    let removedContents: [ImageHygieneAnalyzer.FossilKey: [UInt8]]

    func run() -> [Finding] {
        var out: [Finding] = []
        out += setuid()
        out += worldWritable()
        out += tools()
        out += packageCaches()
        out += privateKeys()
        out += credentialFiles()
        out += groups(scan.gitDirectories, rule: ImageHygieneRules.gitDirectory, noun: "Git repository data")
        out += groups(scan.unnecessary, rule: ImageHygieneRules.unnecessaryFiles, noun: "unneeded content")
        out += leftovers()
        return out
    }

    static func octal(_ mode: UInt32) -> String {
        let s = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    static func bytes(_ n: Int64) -> String {
        if n >= 1 << 30 { return "\(n / (1 << 20) / 1024).\((n / (1 << 20) % 1024) * 10 / 1024) GiB" }
        if n >= 1 << 20 { return "\(n / (1 << 20)) MiB" }
        if n >= 1 << 10 { return "\(n / (1 << 10)) KiB" }
        return "\(n) bytes"
    }

    func setuid() -> [Finding] {
        scan.setuid.map { index in
            let r = facts.files[index]
            var bits: [String] = []
            if r.isSetuid { bits.append(r.uid == 0 ? "setuid root" : "setuid UID \(r.uid)") }
            if r.isSetgid { bits.append(r.gid == 0 ? "setgid root" : "setgid GID \(r.gid)") }
            return Finding(
                rule: ImageHygieneRules.setuid,
                message: "\(r.path) is \(bits.joined(separator: " and ")) (mode \(Self.octal(r.mode))).", object: nil,
                location: locate.file(r))
        }
    }

    /// One finding per world-writable tree: a path below a reported world-writable directory is
    /// counted in that directory's finding rather than reported again (`chmod -R 777 /app`).
    func worldWritable() -> [Finding] {
        // Sort so that every path directly follows its ancestors: '/' ranks below every other byte.
        let keyed = scan.worldWritable.map { index in
            (index, facts.files[index].path.utf8.map { $0 == UInt8(ascii: "/") ? 1 : $0 })
        }
        let sorted = keyed.sorted { $0.1.lexicographicallyPrecedes($1.1) }
        var roots: [(record: Int, below: Int)] = []
        var stack: [(path: String, root: Int)] = []
        for (index, _) in sorted {
            let path = facts.files[index].path
            while let top = stack.last,
                !(path.hasPrefix(top.path) && path.utf8.dropFirst(top.path.utf8.count).first == UInt8(ascii: "/"))
            {
                stack.removeLast()
            }
            if let top = stack.last {
                roots[top.root].below += 1
            } else {
                roots.append((index, 0))
                stack.append((path, roots.count - 1))
            }
        }
        return roots.map { root in
            let r = facts.files[root.record]
            let what = r.kind == .directory ? "directory" : "file"
            let below = root.below > 0 ? ", and so are \(root.below) paths below it" : ""
            return Finding(
                rule: ImageHygieneRules.worldWritable,
                message: "\(r.path) is a world-writable \(what) (mode \(Self.octal(r.mode)))\(below).", object: nil,
                location: locate.file(r))
        }
    }

    func tools() -> [Finding] {
        var out: [Finding] = []
        var byKind: [ToolKind: [(name: String, record: Int)]] = [:]
        for (record, kind) in scan.tools {
            let path = facts.files[record].path
            let name = String(path.split(separator: "/").last ?? Substring(path))
            byKind[kind, default: []].append((name, record))
        }
        for (record) in byKind[.sshd, default: []].map(\.record) {
            let r = facts.files[record]
            out.append(
                Finding(
                    rule: ImageHygieneRules.sshd, message: "\(r.path) is an SSH server.", object: nil,
                    location: locate.file(r)))
        }
        for (record) in byKind[.sudo, default: []].map(\.record) {
            let r = facts.files[record]
            out.append(
                Finding(
                    rule: ImageHygieneRules.sudo, message: "\(r.path) (sudo) is installed in the image.", object: nil,
                    location: locate.file(r)))
        }
        var parts: [String] = []
        var firstRecord: Int? = nil
        var kindsPresent = 0
        for kind in ToolKind.minimalScoreKinds {
            guard let found = byKind[kind], !found.isEmpty else { continue }
            kindsPresent += 1
            let names = Set(found.map(\.name)).sorted()
            parts.append("\(kind.label): \(names.joined(separator: ", "))")
            let first = found.min { facts.files[$0.record].path < facts.files[$1.record].path }!.record
            if firstRecord == nil { firstRecord = first }
        }
        if let firstRecord {
            let score = 100 - 25 * kindsPresent
            out.append(
                Finding(
                    rule: ImageHygieneRules.notMinimal,
                    message:
                        "Minimal-image score \(score)/100. Remove from the runtime image: \(parts.joined(separator: "; ")).",
                    object: nil, location: locate.file(facts.files[firstRecord])))
        }
        return out
    }

    func packageCaches() -> [Finding] {
        scan.caches.keys.sorted().compactMap { key in
            let tally = scan.caches[key]!
            // A lone lock file or an empty index is not a leftover worth a finding.
            guard tally.bytes >= 1024 else { return nil }
            let r = facts.files[tally.firstRecord]
            let made = locate.historyIndex(ofLayer: key.layer).map { " (created by history[\($0)])" } ?? ""
            let state = key.present ? "" : "; a later layer deleted them, but this layer still ships them"
            return Finding(
                rule: ImageHygieneRules.packageCache,
                message: "Layer \(key.layer)\(made) holds the \(key.kind.label): \(tally.files) files, "
                    + "\(Self.bytes(tally.bytes))\(state). Use \(key.kind.cleanup).",
                object: nil,
                location: locate.file(
                    path: Self.directory(of: r.path, kind: key.kind), layer: key.layer, present: key.present))
        }
    }

    /// The cache directory for a cache file, so one finding names one directory.
    static func directory(of path: String, kind: PackageCacheKind) -> String {
        for entry in PackageCacheKind.varPrefixes where entry.kind == kind {
            return String(decoding: entry.prefix.dropLast(), as: UTF8.self)
        }
        for pair in PackageCacheKind.componentPairs where pair.kind == kind {
            let marker =
                "/" + String(decoding: pair.parent, as: UTF8.self) + "/" + String(decoding: pair.child, as: UTF8.self)
            if let range = path.firstRange(of: marker) { return String(path[..<range.upperBound]) }
        }
        return path
    }

    func privateKeys() -> [Finding] {
        var out: [Finding] = []
        for (index, nameClass) in scan.privateKeyCandidates {
            let r = facts.files[index]
            let contents: [UInt8]? =
                r.removedBy == nil
                ? facts.contents[r.path] : removedContents[ImageHygieneAnalyzer.FossilKey(path: r.path, layer: r.layer)]
            let basis: String
            if let contents {
                guard PrivateKeyHeuristics.containsPrivateKey(contents) else { continue }
                basis = "PEM private-key header"
            } else {
                guard nameClass == .key else { continue }
                basis = "file name"
            }
            let message: String
            if let removedBy = r.removedBy {
                message =
                    "\(r.path) is a private key in layer \(r.layer + 1); layer \(removedBy + 1) deleted or replaced it, "
                    + "but the key still ships with the image."
            } else {
                message = "\(r.path) is a private key in the image filesystem."
            }
            out.append(
                Finding(
                    rule: ImageHygieneRules.privateKeyFile, message: message, object: nil, location: locate.file(r),
                    evidence: basis))
        }
        return out
    }

    func credentialFiles() -> [Finding] {
        scan.credentialFiles.map { index in
            let r = facts.files[index]
            let state =
                r.removedBy.map { "; layer \($0 + 1) deleted or replaced it, but layer \(r.layer + 1) still ships it" }
                ?? ""
            return Finding(
                rule: ImageHygieneRules.credentialFile, message: "\(r.path) is a credential file\(state).",
                object: nil, location: locate.file(r))
        }
    }

    func groups(_ groups: [FileSystemScan.GroupKey: FileSystemScan.Tally], rule: RuleMetadata, noun: String)
        -> [Finding]
    {
        groups.keys.sorted().map { key in
            let tally = groups[key]!
            let state = key.present ? "" : " (deleted by a later layer, still shipped)"
            let count = tally.files == 1 ? "" : ": \(tally.files) entries, \(Self.bytes(tally.bytes))"
            return Finding(
                rule: rule, message: "\(key.path) in layer \(key.layer + 1) is \(noun)\(count)\(state).", object: nil,
                location: locate.file(path: key.path, layer: key.layer, present: key.present))
        }
    }

    func leftovers() -> [Finding] {
        scan.leftovers.keys.sorted().compactMap { layer in
            let l = scan.leftovers[layer]!
            guard l.total >= ImageHygieneAnalyzer.largeLeftoverBytes else { return nil }
            var parts: [String] = []
            if l.removed > 0 { parts.append("\(Self.bytes(l.removed)) deleted or replaced by later layers") }
            if l.caches > 0 { parts.append("\(Self.bytes(l.caches)) of package caches") }
            if l.temporary > 0 { parts.append("\(Self.bytes(l.temporary)) in temporary directories") }
            if l.git > 0 { parts.append("\(Self.bytes(l.git)) of .git data") }
            let made = locate.historyIndex(ofLayer: layer).map { " (history[\($0)])" } ?? ""
            return Finding(
                rule: ImageHygieneRules.largeLayerLeftovers,
                message: "Layer \(layer)\(made) carries \(Self.bytes(l.total)) of build leftovers: "
                    + parts.joined(separator: ", ") + ".",
                object: nil, location: locate.file(path: "/", layer: layer, present: true))
        }
    }
}
