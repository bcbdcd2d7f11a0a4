import PalisadeCore

/// Checks on the shell commands of `RUN` (and `ONBUILD RUN`) instructions.
///
/// Image-size hygiene (apt lists, apk and pip caches, recommended packages) is only checked
/// in stages that ship: the final stage and the stages it is built `FROM`; a builder stage
/// whose files are left behind does not bloat the image.
enum RunChecks {
    private static let downloaders: Set<String> = ["curl", "wget"]
    private static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]
    private static let interpreters: Set<String> = [
        "python", "python2", "python3", "perl", "ruby", "node", "php",
    ]

    static func run(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        for stage in context.dockerfile.stages {
            let ships = context.shippedStages.contains(stage.index)
            let stageDisablesRecommends = stage.instructions.contains {
                $0.arguments.contains("Install-Recommends")
                    && ($0.arguments.contains("\"0\"") || $0.arguments.contains("false"))
            }
            let pipCacheOff =
                context.finalChain.contains(where: { $0.index == stage.index })
                ? context.finalChain.contains { envSets("PIP_NO_CACHE_DIR", in: $0, escape: context.escape) }
                : envSets("PIP_NO_CACHE_DIR", in: stage, escape: context.escape)
            for instruction in stage.instructions {
                let runs =
                    instruction.keyword == "RUN"
                    ? [(instruction, "RUN")]
                    : instruction.triggered
                        .filter { $0.keyword == "RUN" }.map { ($0, "ONBUILD.RUN") }
                for (run, keyword) in runs {
                    let script = RunScript(run)
                    var emit = Emitter(stage: stage, keyword: keyword, sink: sink)
                    pipeToShell(script, &emit)
                    sudo(script, &emit)
                    chmod(script, &emit)
                    cd(script, &emit)
                    aptUpdateAlone(script, &emit)
                    if ships, keyword == "RUN" {
                        apt(script, recommendsOff: stageDisablesRecommends, &emit)
                        apk(script, &emit)
                        pip(script, cacheOff: pipCacheOff, &emit)
                    }
                    sink = emit.sink
                }
            }
        }
    }

    struct Emitter {
        let stage: DockerfileStage
        let keyword: String
        var sink: DockerfileFindingSink
        mutating func add(_ rule: RuleMetadata, _ message: String, line: Int) {
            sink.add(rule, message, stage: stage, keyword: keyword, line: line)
        }
    }

    // MARK: - Security

    private static func pipeToShell(_ script: RunScript, _ emit: inout Emitter) {
        let commands = script.allCommands
        var reported: Set<Int> = []
        for (i, command) in commands.enumerated() {
            guard let name = command.name else { continue }
            if readsScriptFromStdin(command, name: name), command.positionInPipeline > 0 {
                let upstream = commands[..<i].last {
                    $0.pipeline == command.pipeline && $0.name.map(downloaders.contains) == true
                }
                if let upstream, reported.insert(command.pipeline).inserted {
                    emit.add(
                        DockerfileRules.pipeToShell,
                        "Output of \(upstream.name ?? "a download") is piped into \(name) and run unverified.",
                        line: command.line)
                }
            } else if shells.contains(name) || interpreters.contains(name),
                command.rawArguments.contains(where: substitutesDownload)
            {
                emit.add(
                    DockerfileRules.pipeToShell, "\(name) runs a script fetched by a command substitution, unverified.",
                    line: command.line)
            }
        }
    }

    /// `sh`, `bash -s -- args`, `python3 -`: an interpreter that takes its program from stdin.
    private static func readsScriptFromStdin(_ command: ShellCommand, name: String) -> Bool {
        let args = Array(command.arguments)
        if shells.contains(name) {
            if args.contains("-c") { return false }
            guard let operand = args.firstIndex(where: { !$0.hasPrefix("-") || $0 == "-" }) else { return true }
            return args[operand] == "-" || args[..<operand].contains { $0 == "-s" || $0 == "--" }
        }
        if interpreters.contains(name) {
            guard let first = args.first(where: { !$0.hasPrefix("-") || $0 == "-" }) else {
                return !args.contains("-c") && !args.contains("-e") && !args.contains("-m")
            }
            return first == "-"
        }
        return false
    }

    private static func substitutesDownload(_ raw: String) -> Bool {
        for opener in ["$(", "<(", "`"] {
            for tool in ["curl", "wget"] where raw.contains(opener + tool) || raw.contains(opener + " " + tool) {
                return true
            }
        }
        return false
    }

    private static func sudo(_ script: RunScript, _ emit: inout Emitter) {
        for command in script.allCommands where command.resolved.viaSudo || command.name == "sudo" {
            emit.add(DockerfileRules.sudo, "RUN uses sudo.", line: command.line)
            return
        }
    }

    private static func chmod(_ script: RunScript, _ emit: inout Emitter) {
        for command in script.allCommands where command.name == "chmod" {
            guard let mode = command.arguments.first(where: { !$0.hasPrefix("-") || isSymbolicMode($0) }) else {
                continue
            }
            if isWorldWritable(mode: mode) {
                emit.add(
                    DockerfileRules.chmodWorldWritable, "chmod \(mode) makes files world-writable.", line: command.line)
            }
        }
    }

    private static func isSymbolicMode(_ word: String) -> Bool {
        word.count > 1 && word.dropFirst().allSatisfy { "rwxXst".contains($0) }
    }

    /// Octal modes with the "others may write" bit, unless the sticky bit is set (a shared
    /// /tmp-like directory is the standard safe use); symbolic modes granting `w` to `o` or `a`.
    static func isWorldWritable(mode: String) -> Bool {
        if !mode.isEmpty, mode.allSatisfy({ ("0"..."7").contains($0) }) {
            let digits = mode.compactMap { $0.wholeNumberValue }
            guard let others = digits.last else { return false }
            let special = digits.count >= 4 ? digits[digits.count - 4] : 0
            return others & 2 != 0 && special & 1 == 0
        }
        for clause in mode.split(separator: ",") {
            let who = clause.prefix { "ugoa".contains($0) }
            let rest = clause.dropFirst(who.count)
            guard let op = rest.first, op == "+" || op == "=" else { continue }
            if who.contains("o") || who.contains("a"), rest.dropFirst().contains("w") { return true }
        }
        return false
    }

    private static func cd(_ script: RunScript, _ emit: inout Emitter) {
        guard let command = script.lineCommands.first(where: { $0.name == "cd" }) else { return }
        emit.add(DockerfileRules.cdInRun, "RUN changes directory with cd; prefer WORKDIR.", line: command.line)
    }

    // MARK: - Package managers

    /// `apt-get`/`apt` subcommand: the first argument that is not an option (or an `-o`/`-c`/`-t` value).
    private static func subcommand(_ command: ShellCommand) -> String? {
        var skipNext = false
        for arg in command.arguments {
            if skipNext {
                skipNext = false
                continue
            }
            if ["-o", "-c", "-t", "--option", "--target-release", "--config-file"].contains(arg) {
                skipNext = true
                continue
            }
            if !arg.hasPrefix("-") { return arg }
        }
        return nil
    }

    private static func isApt(_ command: ShellCommand) -> Bool { command.name == "apt-get" || command.name == "apt" }

    private static func aptUpdateAlone(_ script: RunScript, _ emit: inout Emitter) {
        let commands = script.allCommands
        let installs: Set<String> = ["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep"]
        let aptUpdate = commands.first { isApt($0) && subcommand($0) == "update" }
        if let aptUpdate, !commands.contains(where: { isApt($0) && subcommand($0).map(installs.contains) == true }) {
            emit.add(
                DockerfileRules.aptUpdateAlone, "apt-get update runs without an install in the same RUN.",
                line: aptUpdate.line)
        }
        let apkUpdate = commands.first { $0.name == "apk" && subcommand($0) == "update" }
        if let apkUpdate,
            !commands.contains(where: { $0.name == "apk" && ["add", "upgrade"].contains(subcommand($0)) })
        {
            emit.add(
                DockerfileRules.aptUpdateAlone, "apk update runs without an add in the same RUN.", line: apkUpdate.line)
        }
    }

    private static func apt(_ script: RunScript, recommendsOff: Bool, _ emit: inout Emitter) {
        // `apt-get install -s` only simulates.
        let simulations: Set<String> = ["-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon"]
        let installs = script.allCommands.filter {
            isApt($0) && subcommand($0) == "install" && !$0.arguments.contains(where: simulations.contains)
        }
        guard let first = installs.first else { return }
        if !recommendsOff {
            for install in installs where !install.arguments.contains(where: disablesRecommends) {
                emit.add(
                    DockerfileRules.aptNoRecommends,
                    "\(install.name ?? "apt-get") install without --no-install-recommends.",
                    line: install.line)
            }
        }
        // `apt-get dist-clean` (apt 2.7+) removes the lists too.
        let distClean = script.allCommands.contains { isApt($0) && subcommand($0) == "dist-clean" }
        if !distClean, !script.removes("/var/lib/apt/lists"), !script.mountsCache(over: "/var/lib/apt/lists") {
            emit.add(
                DockerfileRules.aptCache, "apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN.",
                line: first.line)
        }
    }

    private static func disablesRecommends(_ arg: String) -> Bool {
        arg == "--no-install-recommends"
            || arg.hasPrefix("APT::Install-Recommends=")
                && (arg.hasSuffix("=false") || arg.hasSuffix("=0"))
    }

    private static func apk(_ script: RunScript, _ emit: inout Emitter) {
        for command in script.allCommands where command.name == "apk" && subcommand(command) == "add" {
            if command.arguments.contains("--no-cache") || script.removes("/var/cache/apk")
                || script.mountsCache(over: "/var/cache/apk")
            {
                continue
            }
            emit.add(DockerfileRules.apkNoCache, "apk add without --no-cache.", line: command.line)
        }
    }

    private static func pip(_ script: RunScript, cacheOff: Bool, _ emit: inout Emitter) {
        guard !cacheOff, !script.mountsCache(over: "/root/.cache/pip") else { return }
        for command in script.allCommands where isPipInstall(command) {
            if command.arguments.contains(where: { $0 == "--no-cache-dir" || $0.hasPrefix("--no-cache-dir=") }) {
                continue
            }
            if script.removes("/root/.cache") { continue }
            emit.add(DockerfileRules.pipNoCache, "pip install without --no-cache-dir.", line: command.line)
        }
    }

    private static func isPipInstall(_ command: ShellCommand) -> Bool {
        guard let name = command.name else { return false }
        let args = Array(command.arguments)
        if name.hasPrefix("pip"), name.dropFirst(3).allSatisfy({ $0.isNumber || $0 == "." }) {
            return args.first { !$0.hasPrefix("-") } == "install"
        }
        if name.hasPrefix("python"), let m = args.firstIndex(of: "-m"), m + 2 < args.count, args[m + 1] == "pip" {
            return args[(m + 2)...].first { !$0.hasPrefix("-") } == "install"
        }
        return false
    }

    static func envSets(_ name: String, in stage: DockerfileStage, escape: Character) -> Bool {
        stage.instructions.contains { instruction in
            instruction.keyword == "ENV"
                && DockerfileVariable.parse(instruction, escape: escape).contains { $0.name == name }
        }
    }
}
