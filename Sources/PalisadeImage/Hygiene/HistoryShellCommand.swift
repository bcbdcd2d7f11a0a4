/// A RUN command split into simple commands (at `&&`, `||`, `;`, `|`, `&`, newlines) and words,
/// with quotes removed. Enough to ask "does this RUN call `apt-get update` without `install`?";
/// not a shell parser (no expansion, heredocs or subshell structure).
struct HistoryShellCommand: Sendable, Hashable {
    /// Each simple command's words, wrappers such as `sudo`, `env` and leading `NAME=value`
    /// assignments kept (see `program(of:)`).
    var segments: [[String]]

    /// Commands longer than this are truncated: checks only need the program words.
    static let maximumBytes = 64 * 1024
    static let maximumWordsPerSegment = 512

    init(_ command: String) {
        var segments: [[String]] = []
        var words: [String] = []
        var word: [UInt8] = []
        var quote: UInt8? = nil
        var inWord = false

        func endWord() {
            if inWord {
                if words.count < Self.maximumWordsPerSegment { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
                inWord = false
            }
        }
        func endSegment() {
            endWord()
            if !words.isEmpty { segments.append(words) }
            words.removeAll(keepingCapacity: true)
        }

        var bytes = Array(command.utf8.prefix(Self.maximumBytes))
        bytes.append(0x0A)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q {
                    quote = nil
                } else if b == 0x5C, q == 0x22, i + 1 < bytes.count {  // backslash inside "…"
                    i += 1
                    word.append(bytes[i])
                } else {
                    word.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x27, 0x22:  // ' "
                quote = b
                inWord = true
            case 0x5C:  // backslash: escapes the next byte; backslash-newline joins lines
                if i + 1 < bytes.count {
                    i += 1
                    if bytes[i] != 0x0A {
                        word.append(bytes[i])
                        inWord = true
                    } else {
                        endWord()
                    }
                }
            case 0x20, 0x09, 0x0D:
                endWord()
            case 0x0A, 0x3B, 0x26, 0x7C, 0x28, 0x29:  // \n ; & | ( )
                endSegment()
            default:
                word.append(b)
                inWord = true
            }
            i += 1
        }
        endSegment()
        self.segments = segments
    }

    /// Wrappers that run the command that follows them.
    static let wrappers: Set<String> = ["sudo", "env", "nice", "nohup", "time", "exec", "command", "xargs", "then"]

    /// The program a segment runs and its arguments: leading `NAME=value` assignments and wrappers
    /// (with their options) skipped, program name reduced to its basename.
    static func program(of segment: [String], skippingWrappers: Bool = true) -> (
        name: String, arguments: ArraySlice<String>
    )? {
        var i = segment.startIndex
        while i < segment.endIndex {
            let w = segment[i]
            if w.contains("=") && !w.hasPrefix("-") && !w.hasPrefix("/") {
                i += 1
                continue
            }
            let name = w.split(separator: "/").last.map(String.init) ?? w
            if skippingWrappers && wrappers.contains(name) {
                i += 1
                while i < segment.endIndex && segment[i].hasPrefix("-") { i += 1 }
                continue
            }
            return (name, segment[(i + 1)...])
        }
        return nil
    }

    /// Every (program, arguments) pair in the command.
    var programs: [(name: String, arguments: ArraySlice<String>)] {
        segments.compactMap { Self.program(of: $0) }
    }

    /// Whether some simple command runs `sudo` itself (not `apt-get install sudo`).
    var runsSudo: Bool {
        segments.contains { Self.program(of: $0, skippingWrappers: false)?.name == "sudo" }
    }

    /// The first argument of `arguments` that is one of `subcommands` (`install` in
    /// `apt-get -y -o X=Y install curl`).
    static func subcommand(_ arguments: ArraySlice<String>, in subcommands: Set<String>) -> String? {
        arguments.first { subcommands.contains($0) }
    }
}
