import PalisadeCore

/// Checks on the shape of stages: user, healthcheck, entrypoint, exposed ports, deprecated or
/// misleading instructions.
enum StageChecks {
    static func run(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        userRoot(context, &sink)
        healthcheck(context, &sink)
        entrypointForm(context, &sink)
        for stage in context.dockerfile.stages {
            duplicates("CMD", DockerfileRules.multipleCmd, stage, &sink)
            duplicates("ENTRYPOINT", DockerfileRules.multipleEntrypoint, stage, &sink)
        }
        for (stage, instruction, prefix) in context.stageInstructions {
            let keyword = prefix + instruction.keyword
            switch instruction.keyword {
            case "MAINTAINER":
                sink.add(
                    DockerfileRules.maintainerDeprecated, "MAINTAINER is deprecated; use an authors LABEL.",
                    stage: stage, keyword: keyword, line: instruction.line)
            case "WORKDIR":
                let dir = DockerfileWords.split(instruction.arguments, escape: context.escape).first?.text ?? ""
                if !isAbsolute(dir) {
                    sink.add(
                        DockerfileRules.workdirRelative, "WORKDIR '\(dir)' is relative.", stage: stage,
                        keyword: keyword, line: instruction.line)
                }
            case "EXPOSE" where context.shippedStages.contains(stage.index):
                if exposesSSH(instruction, escape: context.escape) {
                    sink.add(
                        DockerfileRules.exposeSSH, "Port 22 (SSH) is exposed.", stage: stage, keyword: keyword,
                        line: instruction.line)
                }
            default: break
            }
        }
    }

    private static func userRoot(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        guard let final = context.finalChain.first, let root = context.finalChain.last else { return }
        if let (stage, user) = context.lastInFinalChain("USER") {
            let name = DockerfileWords.split(user.arguments, escape: context.escape).first?.text ?? ""
            let account = name.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if account == "root" || account == "0" {
                sink.add(
                    DockerfileRules.userRoot, "The last USER is '\(name)': the container runs as root.", stage: stage,
                    keyword: "USER", line: user.line)
            }
            return
        }
        // No USER anywhere: root, unless the base image itself sets a non-root user we can recognise.
        if root.isScratch == false, let image = root.baseImage, image.lowercased().contains("nonroot") { return }
        if root.baseImage == nil, !root.isScratch { return }
        sink.add(
            DockerfileRules.userRoot, "The final stage sets no USER, so the container runs as root.", stage: final,
            keyword: "FROM", line: final.from.line)
    }

    private static func healthcheck(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        guard let final = context.finalChain.first else { return }
        // HEALTHCHECK NONE is an explicit decision (probes live elsewhere) and counts as present.
        if context.lastInFinalChain("HEALTHCHECK") != nil { return }
        sink.add(
            DockerfileRules.noHealthcheck, "The final stage has no HEALTHCHECK.", stage: final, keyword: "FROM",
            line: final.from.line)
    }

    private static func entrypointForm(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        let effective = context.lastInFinalChain("ENTRYPOINT") ?? context.lastInFinalChain("CMD")
        guard let (stage, instruction) = effective, instruction.execForm == nil, !instruction.arguments.isEmpty
        else { return }
        sink.add(
            DockerfileRules.shellFormEntrypoint,
            "\(instruction.keyword) uses shell form, so /bin/sh -c is PID 1 and SIGTERM does not reach the program.",
            stage: stage, keyword: instruction.keyword, line: instruction.line)
    }

    private static func duplicates(
        _ keyword: String, _ rule: RuleMetadata, _ stage: DockerfileStage, _ sink: inout DockerfileFindingSink
    ) {
        let all = stage.instructions.filter { $0.keyword == keyword }
        guard let last = all.last else { return }
        for earlier in all.dropLast() {
            sink.add(
                rule, "This \(keyword) is overridden by the one on line \(last.line).", stage: stage, keyword: keyword,
                line: earlier.line)
        }
    }

    static func isAbsolute(_ dir: String) -> Bool {
        if dir.hasPrefix("/") || dir.hasPrefix("$") || dir.hasPrefix("\\") { return true }
        // Windows: C:\app or C:/app.
        let chars = Array(dir)
        return chars.count >= 2 && chars[0].isLetter && chars[1] == ":"
    }

    private static func exposesSSH(_ instruction: DockerfileInstruction, escape: Character) -> Bool {
        DockerfileWords.split(instruction.arguments, escape: escape).contains { word in
            let spec = word.text.split(separator: "/").first.map(String.init) ?? ""
            let proto = word.text.split(separator: "/").dropFirst().first?.lowercased() ?? "tcp"
            guard proto == "tcp" else { return false }
            let bounds = spec.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 1 { return bounds[0] == 22 }
            if bounds.count == 2 { return bounds[0] <= 22 && 22 <= bounds[1] }
            return false
        }
    }
}
