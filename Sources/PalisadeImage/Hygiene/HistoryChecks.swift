import PalisadeCore

/// Rules over `config.history`: what the Dockerfile did, as the builder recorded it.
struct HistoryChecks {
    let facts: ImageFacts
    let locate: FindingLocator

    func run() -> [Finding] {
        let history = facts.config.history
        // The entry that created the first layer is the base root filesystem (`ADD file:… in /`,
        // `ADD alpine-minirootfs.tar.gz /`): ADD is the normal way to make it.
        let rootfsEntry = history.firstIndex { !$0.emptyLayer }
        var out: [Finding] = []
        for (i, entry) in history.enumerated() {
            let instruction = HistoryInstruction(createdBy: entry.createdBy)
            switch instruction.keyword {
            case "ADD": out += add(instruction, at: i, isRootfs: i == rootfsEntry)
            case "RUN": out += run(instruction, at: i)
            case "FROM": out += from(instruction, at: i)
            default: break
            }
        }
        return out
    }

    static let archiveSuffixes = [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.lz",
        ".tar.lzma",
    ]

    /// The sources of an ADD: every word but flags, the destination, and the classic builder's `in`.
    static func addSources(_ arguments: String) -> (sources: [String], hasChecksum: Bool) {
        var words = HistoryShellCommand(arguments).segments.first ?? []
        if arguments.hasPrefix("[") {  // JSON form: ["src", "dest"]
            words = arguments.dropFirst().dropLast().split(separator: ",").map {
                String(Substring($0).trimmingSpaces.trimmingCharacters(of: "\""))
            }
        }
        var hasChecksum = false
        var rest: [String] = []
        for w in words {
            if w.hasPrefix("--") {
                if w.hasPrefix("--checksum") { hasChecksum = true }
                continue
            }
            rest.append(w)
        }
        if let inIndex = rest.firstIndex(of: "in"), inIndex > 0 {
            return (Array(rest[..<inIndex]), hasChecksum)
        }
        return (Array(rest.dropLast()), hasChecksum)
    }

    static func isRemote(_ source: String) -> Bool {
        let s = source.lowercased()
        return s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("git@") || s.hasPrefix("git://")
            || s.hasPrefix("ssh://")
    }

    static func isArchive(_ source: String) -> Bool {
        let s = source.lowercased()
        return archiveSuffixes.contains { s.hasSuffix($0) }
    }

    /// A URL for messages: user info and query string dropped (they may carry tokens).
    static func redactedURL(_ url: String) -> String {
        var s = Substring(url)
        if let q = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<q] }
        if let scheme = s.firstRange(of: "://") {
            let afterScheme = s[scheme.upperBound...]
            let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            if let at = afterScheme[..<hostEnd].lastIndex(of: "@") {
                s = s[..<scheme.upperBound] + s[s.index(after: at)...]
            }
        }
        return String(s.prefix(200))
    }

    func add(_ instruction: HistoryInstruction, at i: Int, isRootfs: Bool) -> [Finding] {
        let (sources, hasChecksum) = Self.addSources(instruction.arguments)
        let location = locate.history(i)
        let remote = sources.filter(Self.isRemote)
        if !remote.isEmpty {
            guard !hasChecksum else { return [] }
            let list = remote.map(Self.redactedURL).joined(separator: ", ")
            return [
                Finding(
                    rule: ImageHygieneRules.addRemote,
                    message: "history[\(i)] ADDs \(list) without a pinned checksum.", object: nil, location: location)
            ]
        }
        guard !isRootfs else { return [] }
        let archives = sources.filter(Self.isArchive)
        if !archives.isEmpty {
            return [
                Finding(
                    rule: ImageHygieneRules.addArchive,
                    message: "history[\(i)] ADDs \(archives.joined(separator: ", ")), which ADD unpacks implicitly.",
                    object: nil, location: location)
            ]
        }
        let shown = sources.isEmpty ? "local content" : sources.prefix(3).joined(separator: ", ")
        return [
            Finding(
                rule: ImageHygieneRules.addLocal, message: "history[\(i)] uses ADD for \(shown); COPY would do.",
                object: nil, location: location)
        ]
    }

    static let aptPrograms: Set<String> = ["apt-get", "apt"]
    static let aptConsumers: Set<String> = [
        "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "satisfy", "reinstall",
    ]

    func run(_ instruction: HistoryInstruction, at i: Int) -> [Finding] {
        let command = HistoryShellCommand(instruction.arguments)
        let programs = command.programs
        let location = locate.history(i)
        var out: [Finding] = []
        if command.runsSudo {
            out.append(
                Finding(
                    rule: ImageHygieneRules.sudo, message: "history[\(i)] runs a command through sudo.", object: nil,
                    location: location))
        }
        var aptUpdate = false
        var aptConsumes = false
        var apkUpdate = false
        var apkConsumes = false
        var distUpgrade: String? = nil
        var apkAddWithCache = false
        var apkCacheRemoved = false
        for (name, args) in programs {
            if Self.aptPrograms.contains(name) {
                let sub = HistoryShellCommand.subcommand(args, in: Self.aptConsumers.union(["update"]))
                if sub == "update" { aptUpdate = true } else if sub != nil { aptConsumes = true }
                if sub == "dist-upgrade" || sub == "full-upgrade" { distUpgrade = "\(name) \(sub!)" }
            } else if name == "apk" {
                let sub = HistoryShellCommand.subcommand(args, in: ["add", "update", "upgrade", "cache"])
                if sub == "update" { apkUpdate = true }
                if sub == "add" || sub == "upgrade" { apkConsumes = true }
                if sub == "add", !args.contains("--no-cache") { apkAddWithCache = true }
                if sub == "cache", args.contains("clean") || args.contains("purge") { apkCacheRemoved = true }
            } else if name == "rm", args.contains(where: { $0.hasPrefix("/var/cache/apk") }) {
                apkCacheRemoved = true
            }
        }
        if (aptUpdate && !aptConsumes) || (apkUpdate && !apkConsumes) {
            let what = aptUpdate && !aptConsumes ? "apt-get update" : "apk update"
            out.append(
                Finding(
                    rule: ImageHygieneRules.aptUpdateAlone,
                    message: "history[\(i)] runs \(what) without installing in the same RUN.", object: nil,
                    location: location))
        }
        if let distUpgrade {
            out.append(
                Finding(
                    rule: ImageHygieneRules.distUpgrade, message: "history[\(i)] runs \(distUpgrade).", object: nil,
                    location: location))
        }
        if apkAddWithCache && !apkCacheRemoved {
            out.append(
                Finding(
                    rule: ImageHygieneRules.apkNoCache,
                    message: "history[\(i)] runs apk add without --no-cache and does not remove /var/cache/apk.",
                    object: nil, location: location))
        }
        return out
    }

    /// Builders that record FROM in history (buildah with some options, custom tooling).
    func from(_ instruction: HistoryInstruction, at i: Int) -> [Finding] {
        let words = HistoryShellCommand(instruction.arguments).segments.first ?? []
        guard let image = words.first(where: { !$0.hasPrefix("--") }), image.lowercased() != "scratch" else {
            return []
        }
        let reason: String
        switch ImageReferenceTag.pinning(of: image) {
        case .digest, .tag: return []
        case .latest: reason = "the latest tag"
        case .untagged: reason = "no tag (so latest)"
        }
        return [
            Finding(
                rule: ImageHygieneRules.baseLatest, message: "history[\(i)] builds FROM \(image), with \(reason).",
                object: nil, location: locate.history(i))
        ]
    }
}

extension Substring {
    func trimmingCharacters(of c: Character) -> Substring {
        var s = self
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return s
    }
}
