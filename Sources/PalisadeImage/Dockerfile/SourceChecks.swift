/// Checks on `ADD` and `COPY`: remote and local `ADD`, whole-context copies, `--chmod`.
enum SourceChecks {
    private static let archiveSuffixes = [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2",
        ".xz", ".zst", ".lz", ".tlz",
    ]
    /// Sensitive files a `.dockerignore` must keep out of a whole-context copy, with what to name when missing.
    static let sensitiveProbes: [(path: String, label: String)] = [
        (".git", ".git"), (".env", ".env"), ("id_rsa", "id_rsa"), ("server.key", "*.key"), ("tls.pem", "*.pem"),
    ]

    static func run(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        for (stage, instruction, prefix) in context.stageInstructions
        where instruction.keyword == "ADD" || instruction.keyword == "COPY" {
            let keyword = prefix + instruction.keyword
            let sources = sourcePaths(instruction, escape: context.escape)
            if instruction.keyword == "ADD" { add(instruction, sources, stage, keyword, &sink) }
            if let mode = instruction.flag("chmod"), RunChecks.isWorldWritable(mode: mode) {
                sink.add(
                    DockerfileRules.chmodWorldWritable,
                    "\(instruction.keyword) --chmod=\(mode) makes files world-writable.",
                    stage: stage, keyword: keyword, line: instruction.line)
            }
            if instruction.flag("from") == nil, context.shippedStages.contains(stage.index),
                sources.contains(where: isWholeContext)
            {
                copyAll(instruction, context.dockerignore, stage, keyword, &sink)
            }
        }
    }

    /// Source arguments: everything but the destination, heredoc markers left out.
    static func sourcePaths(_ instruction: DockerfileInstruction, escape: Character) -> [String] {
        let words = instruction.execForm ?? DockerfileWords.split(instruction.arguments, escape: escape).map(\.text)
        return words.dropLast().filter { !$0.hasPrefix("<<") }
    }

    private static func add(
        _ instruction: DockerfileInstruction, _ sources: [String], _ stage: DockerfileStage, _ keyword: String,
        _ sink: inout DockerfileFindingSink
    ) {
        let remote = sources.filter(isRemote)
        if !remote.isEmpty, instruction.flag("checksum") == nil {
            sink.add(
                DockerfileRules.addRemote, "ADD fetches '\(remote[0])' with no --checksum to verify it.", stage: stage,
                keyword: keyword, line: instruction.line)
        }
        let local = sources.filter { !isRemote($0) }
        let plainFiles = local.filter { source in
            !source.contains("$") && !archiveSuffixes.contains { source.lowercased().hasSuffix($0) }
        }
        let usesHeredoc = !instruction.heredocs.isEmpty
        if remote.isEmpty, !plainFiles.isEmpty || usesHeredoc, plainFiles.count == local.count {
            let what = plainFiles.first.map { "'\($0)'" } ?? "a heredoc"
            sink.add(
                DockerfileRules.addInsteadOfCopy, "ADD copies \(what), which is not a remote URL or a tar archive.",
                stage: stage, keyword: keyword, line: instruction.line)
        }
    }

    private static func copyAll(
        _ instruction: DockerfileInstruction, _ dockerignore: DockerignoreStatus, _ stage: DockerfileStage,
        _ keyword: String, _ sink: inout DockerfileFindingSink
    ) {
        switch dockerignore {
        case .unknown:
            return
        case .missing:
            sink.add(
                DockerfileRules.copyAllNoDockerignore,
                "\(instruction.keyword) copies the whole build context and there is no .dockerignore next to the Dockerfile.",
                stage: stage, keyword: keyword, line: instruction.line)
        case .present(let contents):
            let matcher = DockerignoreMatcher(contents)
            let leaking = sensitiveProbes.filter { !matcher.excludes($0.path) }.map(\.label)
            guard !leaking.isEmpty else { return }
            sink.add(
                DockerfileRules.copyAllNoDockerignore,
                "\(instruction.keyword) copies the whole build context and .dockerignore does not exclude "
                    + leaking.joined(separator: ", ") + ".",
                stage: stage, keyword: keyword, line: instruction.line)
        }
    }

    static func isRemote(_ source: String) -> Bool {
        let s = source.lowercased()
        return s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("git@") || s.hasPrefix("git://")
            || s.hasPrefix("ftp://")
    }

    static func isWholeContext(_ source: String) -> Bool {
        [".", "./", "*", "./*", "/", "**", "./**"].contains(source)
    }
}
