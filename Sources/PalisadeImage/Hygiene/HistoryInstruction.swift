/// One `history[].created_by` string, normalised across builders so checks see the Dockerfile
/// instruction and its arguments, whoever built the image.
///
/// Recorded forms:
/// - classic builder, metadata: `/bin/sh -c #(nop)  ADD file:0a1b… in / `
/// - classic builder, RUN: `/bin/sh -c apt-get update`, with build args `|2 A=1 B=2 /bin/sh -c make`
/// - BuildKit: `RUN /bin/sh -c apt-get update # buildkit`, `ADD https://x/y.tgz /opt/ # buildkit`,
///   `COPY --from=build /out /app # buildkit`, `RUN |1 A=1 /bin/sh -c make # buildkit`
/// - kaniko, buildah and others: an instruction keyword, then its arguments.
struct HistoryInstruction: Sendable, Hashable {
    /// Upper-case Dockerfile keyword (`RUN`, `ADD`, `COPY`, `USER`, …); nil when the entry is not a
    /// Dockerfile instruction (apko, Bazel, `docker commit` comments, empty strings).
    var keyword: String?
    /// The instruction's arguments; for RUN, the shell command with its `/bin/sh -c` wrapper removed.
    var arguments: String
    var isBuildKit: Bool

    /// Longest `created_by` that is parsed; longer strings are truncated (hostile configs can be huge).
    static let maximumLength = 256 * 1024

    static let keywords: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
        "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ]

    init(keyword: String?, arguments: String, isBuildKit: Bool) {
        self.keyword = keyword
        self.arguments = arguments
        self.isBuildKit = isBuildKit
    }

    init(createdBy raw: String) {
        var text = Substring(raw.utf8.count > Self.maximumLength ? String(raw.prefix(Self.maximumLength)) : raw)
        text = text.trimmingSpaces
        isBuildKit = false
        if text.hasSuffix("# buildkit") {
            isBuildKit = true
            text = text.dropLast("# buildkit".count).trimmingSpaces
        }
        // Classic builder: `[|N K=V …] /bin/sh -c …`.
        let unwrapped = Self.droppingBuildArgs(text)
        if let command = Self.shellCommand(unwrapped) {
            let nop = "#(nop)"
            if command.hasPrefix(nop) {
                let rest = command.dropFirst(nop.count).trimmingSpaces
                let (word, args) = Self.firstWord(rest)
                let upper = word.uppercased()
                keyword = Self.keywords.contains(upper) ? upper : nil
                arguments = String(args)
            } else {
                keyword = "RUN"
                arguments = String(command)
            }
            return
        }
        let (word, args) = Self.firstWord(text)
        let upper = word.uppercased()
        guard Self.keywords.contains(upper) else {
            keyword = nil
            arguments = String(text)
            return
        }
        keyword = upper
        if upper == "RUN" {
            let body = Self.droppingBuildArgs(args)
            arguments = String(Self.shellCommand(body) ?? body)
        } else {
            arguments = String(args)
        }
    }

    /// Drops the `|N K=V …` prefix that records build arguments in effect for a RUN.
    static func droppingBuildArgs(_ text: Substring) -> Substring {
        guard text.first == "|" else { return text }
        var (countWord, rest) = firstWord(text.dropFirst())
        guard let count = Int(countWord), count >= 0, count < 10_000 else { return text }
        for _ in 0..<count {
            (countWord, rest) = firstWord(rest)
            if countWord.isEmpty { break }
        }
        return rest
    }

    /// The command after a shell wrapper (`/bin/sh -c`, `/bin/bash -o pipefail -c`, `cmd /S /C`),
    /// or nil when `text` does not start with one.
    static func shellCommand(_ text: Substring) -> Substring? {
        let (program, afterProgram) = firstWord(text)
        let isShell =
            (program.hasPrefix("/") && (program.hasSuffix("sh") || program.hasSuffix("busybox")))
            || program.lowercased() == "cmd" || program.lowercased().hasSuffix("cmd.exe")
        guard isShell else { return nil }
        var rest = afterProgram
        // Options up to `-c` (`-e`, `-o pipefail`, `-x`, `/S`); at most a handful.
        for _ in 0..<8 {
            let (option, after) = firstWord(rest)
            if option == "-c" || option.lowercased() == "/c" { return after }
            guard option.hasPrefix("-") || option.hasPrefix("/") || option == "pipefail" else { return nil }
            rest = after
        }
        return nil
    }

    static func firstWord(_ text: Substring) -> (word: Substring, rest: Substring) {
        let trimmed = text.trimmingSpaces
        guard let end = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            return (trimmed, trimmed[trimmed.endIndex...])
        }
        return (trimmed[..<end], trimmed[end...].trimmingSpaces)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropLast() }
        return s
    }
}
