/// One simple command of a shell script (`apt-get install -y curl`), as the `RUN` checks see it:
/// words unquoted, redirections removed, with the pipeline it belongs to and its line.
public struct ShellCommand: Sendable, Hashable {
    /// Words with quotes removed (`"a b"` → `a b`); redirections (`> /dev/null`, `2>&1`) dropped.
    public let words: [String]
    /// Words as written, for spotting `$(curl …)` inside an argument.
    public let rawWords: [String]
    /// Commands joined by `|` share a pipeline id; `&&`, `||`, `;` and newlines start a new one.
    public var pipeline: Int
    /// Position inside the pipeline: 0 for the first command.
    public var positionInPipeline: Int
    /// 1-based line of the command's first word in the Dockerfile.
    public var line: Int

    public init(words: [String], rawWords: [String], pipeline: Int, positionInPipeline: Int, line: Int) {
        self.words = words
        self.rawWords = rawWords
        self.pipeline = pipeline
        self.positionInPipeline = positionInPipeline
        self.line = line
        self.resolved = Self.resolve(words)
        self.name = resolved.index < words.count ? Self.basename(words[resolved.index]) : nil
    }

    /// Words that only prefix the real command.
    private static let prefixWords: Set<String> = [
        "if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time", "exec", "command", "nohup",
        "builtin", "eval",
    ]

    /// Where the real command starts: after `VAR=x` assignments, shell keywords, and
    /// wrappers (`sudo -u x`, `env -i A=b`). Also whether `sudo` was one of them. Computed once:
    /// every check asks for it.
    public let resolved: Resolved

    public struct Resolved: Sendable, Hashable {
        public var index: Int
        public var viaSudo: Bool
    }

    private static func resolve(_ words: [String]) -> Resolved {
        var i = 0
        var viaSudo = false
        while i < words.count {
            let word = words[i]
            let name = basename(word)
            if prefixWords.contains(word) || isAssignment(word) {
                i += 1
            } else if name == "sudo" || name == "env" || name == "doas" {
                if name != "env" { viaSudo = true }
                i += 1
                while i < words.count, words[i].hasPrefix("-") || (name == "env" && isAssignment(words[i])) {
                    // sudo -u USER / -g GROUP take a value.
                    if name != "env", ["-u", "-g", "-C", "-h", "-p", "-r", "-t", "-U"].contains(words[i]) { i += 1 }
                    i += 1
                }
            } else {
                break
            }
        }
        return Resolved(index: i, viaSudo: viaSudo)
    }

    /// The command's name without its directory (`/usr/bin/curl` → `curl`); nil for a bare assignment.
    public let name: String?

    /// The words after the command name.
    public var arguments: ArraySlice<String> {
        let i = resolved.index
        return i < words.count ? words[(i + 1)...] : []
    }

    /// Raw words after the command name.
    public var rawArguments: ArraySlice<String> {
        let i = resolved.index
        return i < rawWords.count ? rawWords[(i + 1)...] : []
    }

    static func basename(_ word: String) -> String {
        guard let slash = word.lastIndex(of: "/") else { return word }
        return String(word[word.index(after: slash)...])
    }

    static func isAssignment(_ word: String) -> Bool {
        guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { return false }
        return word[..<eq].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(word.first?.isNumber ?? true)
    }
}
