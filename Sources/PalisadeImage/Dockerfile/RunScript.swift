/// The shell commands one `RUN` executes: its shell-form text, an exec-form `sh -c` script, and
/// heredoc bodies that are shell scripts, each scanned with the right line numbers.
struct RunScript {
    var instruction: DockerfileInstruction
    /// Commands of the `RUN` line itself (not of heredoc bodies).
    var lineCommands: [ShellCommand]
    /// Commands of heredoc bodies run as shell scripts.
    var heredocCommands: [ShellCommand]
    var allCommands: [ShellCommand] { lineCommands + heredocCommands }

    private static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]

    init(_ run: DockerfileInstruction) {
        instruction = run
        heredocCommands = []
        if let argv = run.execForm {
            if argv.count >= 3, Self.shells.contains(ShellCommand.basename(argv[0])), let c = argv.firstIndex(of: "-c"),
                c + 1 < argv.count
            {
                lineCommands = ShellScanner.commands(
                    in: argv[c + 1], lines: [LineStart(offset: 0, line: run.line)])
            } else {
                lineCommands =
                    argv.isEmpty
                    ? []
                    : [ShellCommand(words: argv, rawWords: argv, pipeline: 0, positionInPipeline: 0, line: run.line)]
            }
            return
        }
        lineCommands = ShellScanner.commands(in: run.arguments, lines: run.argumentLines)
        guard !run.heredocs.isEmpty else { return }
        // `RUN <<EOF` runs the body with the default shell; `RUN bash <<EOF` too; `RUN python3 <<EOF` does not.
        let runsShell: Bool
        if lineCommands.isEmpty {
            runsShell = true
        } else if lineCommands.count == 1, let name = lineCommands[0].name, Self.shells.contains(name) {
            runsShell = lineCommands[0].arguments.allSatisfy { $0.hasPrefix("-") }
        } else {
            runsShell = false
        }
        guard runsShell else { return }
        for heredoc in run.heredocs {
            if heredoc.body.hasPrefix("#!") {
                let shebang = heredoc.body.prefix { $0 != "\n" }
                guard shebang.hasSuffix("sh") || Self.shells.contains(where: { shebang.hasSuffix("/" + $0) }) else {
                    continue
                }
            }
            heredocCommands += ShellScanner.commands(
                in: heredoc.body, lines: ShellScanner.lineStarts(of: heredoc.body, firstLine: heredoc.firstBodyLine))
        }
    }

    /// Targets of `--mount=type=cache|tmpfs,target=…` (they keep caches out of the layer).
    var cacheMountTargets: [String] {
        instruction.flagValues("mount").compactMap { spec in
            var type = "bind"
            var target: String?
            for part in spec.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                switch kv[0].lowercased() {
                case "type": type = kv[1].lowercased()
                case "target", "dst", "destination": target = kv[1]
                default: break
                }
            }
            return type == "cache" || type == "tmpfs" ? target : nil
        }
    }

    /// Whether a cache or tmpfs mount covers `path` (or a parent of it).
    func mountsCache(over path: String) -> Bool {
        cacheMountTargets.contains { target in
            let t = target.hasSuffix("/") ? String(target.dropLast()) : target
            return path == t || path.hasPrefix(t + "/") || t.hasPrefix(path + "/") || t == path
        }
    }

    /// Whether some `rm` in this RUN removes `prefix` or something under it.
    func removes(_ prefix: String) -> Bool {
        allCommands.contains { command in
            command.name == "rm" && command.arguments.contains { $0.hasPrefix(prefix) }
        }
    }
}
