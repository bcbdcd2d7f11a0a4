/// Splits a shell script into simple commands and pipelines. Not a full POSIX shell parser:
/// enough structure for lint checks (which command runs, with which options, piped into
/// what), with quoting, `$(…)`, backticks, `<(…)`, comments, redirections and in-script
/// heredocs handled so that their contents are not mistaken for commands. Substitutions are
/// scanned as scripts of their own. Works on bytes; linear in the script size.
public enum ShellScanner {
    /// Nesting limit for `$( $( … ) )`.
    static let maxDepth = 16

    /// - Parameter lines: where each physical line starts in `script` (offsets ascending).
    public static func commands(in script: String, lines: [LineStart]) -> [ShellCommand] {
        var state = State(bytes: Array(script.utf8), lines: lines.isEmpty ? [LineStart(offset: 0, line: 1)] : lines)
        state.scan(from: 0, to: state.bytes.count, depth: 0)
        return state.commands
    }

    /// Line starts for a text whose first line is `firstLine` (heredoc bodies).
    public static func lineStarts(of text: String, firstLine: Int) -> [LineStart] {
        var starts = [LineStart(offset: 0, line: firstLine)]
        for (i, b) in text.utf8.enumerated() where b == 0x0A {
            starts.append(LineStart(offset: i + 1, line: firstLine + starts.count))
        }
        return starts
    }

    private struct State {
        let bytes: [UInt8]
        let lines: [LineStart]
        var commands: [ShellCommand] = []
        var nextPipeline = 0

        init(bytes: [UInt8], lines: [LineStart]) {
            self.bytes = bytes
            self.lines = lines
        }

        func line(at offset: Int) -> Int {
            var lo = 0
            var hi = lines.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lines[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
            }
            return lines[lo].line
        }

        // swiftlint:disable:next function_body_length cyclomatic_complexity
        mutating func scan(from start: Int, to end: Int, depth: Int) {
            var words: [String] = []
            var raws: [String] = []
            var firstOffset = -1
            var word: [UInt8] = []
            var wordStart = -1
            var pipeline = nextPipeline
            nextPipeline += 1
            var position = 0
            var dropNextWord = false
            var pendingHeredocs: [(name: [UInt8], strip: Bool)] = []

            func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

            var i = start
            func finishWord() {
                guard wordStart >= 0 else { return }
                if dropNextWord {
                    dropNextWord = false
                } else {
                    if firstOffset < 0 { firstOffset = wordStart }
                    words.append(String(decoding: word, as: UTF8.self))
                    raws.append(String(decoding: bytes[wordStart..<i], as: UTF8.self))
                }
                word.removeAll(keepingCapacity: true)
                wordStart = -1
            }
            func finishCommand(samePipeline: Bool) {
                finishWord()
                if !words.isEmpty {
                    commands.append(
                        ShellCommand(
                            words: words, rawWords: raws, pipeline: pipeline, positionInPipeline: position,
                            line: line(at: firstOffset)))
                }
                words.removeAll()
                raws.removeAll()
                firstOffset = -1
                dropNextWord = false
                if samePipeline {
                    position += 1
                } else {
                    pipeline = nextPipeline
                    nextPipeline += 1
                    position = 0
                }
            }
            func beginWord() { if wordStart < 0 { wordStart = i } }

            while i < end {
                let b = bytes[i]
                switch b {
                case 0x0A:
                    finishCommand(samePipeline: false)
                    i += 1
                    if !pendingHeredocs.isEmpty {
                        i = skipHeredocBodies(pendingHeredocs, from: i, to: end)
                        pendingHeredocs.removeAll()
                    }
                case _ where isBlank(b):
                    finishWord()
                    i += 1
                case UInt8(ascii: "#") where wordStart < 0:
                    while i < end, bytes[i] != 0x0A { i += 1 }
                case UInt8(ascii: "'"):
                    beginWord()
                    i += 1
                    while i < end, bytes[i] != UInt8(ascii: "'") {
                        word.append(bytes[i])
                        i += 1
                    }
                    i += 1
                case UInt8(ascii: "\""):
                    beginWord()
                    i += 1
                    while i < end, bytes[i] != UInt8(ascii: "\"") {
                        if bytes[i] == UInt8(ascii: "\\"), i + 1 < end {
                            word.append(bytes[i + 1])
                            i += 2
                        } else if bytes[i] == UInt8(ascii: "$"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "(") {
                            let close = matchingParen(from: i + 1, to: end)
                            if depth < ShellScanner.maxDepth { scan(from: i + 2, to: close, depth: depth + 1) }
                            word.append(contentsOf: bytes[i..<min(close + 1, end)])
                            i = close + 1
                        } else {
                            word.append(bytes[i])
                            i += 1
                        }
                    }
                    i += 1
                case UInt8(ascii: "\\"):
                    if i + 1 < end, bytes[i + 1] == 0x0A {
                        i += 2
                    } else {
                        beginWord()
                        if i + 1 < end { word.append(bytes[i + 1]) }
                        i += 2
                    }
                case UInt8(ascii: "$") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "("):
                    beginWord()
                    let close = matchingParen(from: i + 1, to: end)
                    let isArithmetic = i + 2 < end && bytes[i + 2] == UInt8(ascii: "(")
                    if !isArithmetic, depth < ShellScanner.maxDepth { scan(from: i + 2, to: close, depth: depth + 1) }
                    word.append(contentsOf: bytes[i..<min(close + 1, end)])
                    i = close + 1
                case UInt8(ascii: "`"):
                    beginWord()
                    var close = i + 1
                    while close < end, bytes[close] != UInt8(ascii: "`") { close += 1 }
                    if depth < ShellScanner.maxDepth { scan(from: i + 1, to: close, depth: depth + 1) }
                    word.append(contentsOf: bytes[i..<min(close + 1, end)])
                    i = close + 1
                case UInt8(ascii: "<") where wordStart < 0 && i + 1 < end && bytes[i + 1] == UInt8(ascii: "("),
                    UInt8(ascii: ">") where wordStart < 0 && i + 1 < end && bytes[i + 1] == UInt8(ascii: "("):
                    // Process substitution: a word of its own whose inside is a script.
                    beginWord()
                    let close = matchingParen(from: i + 1, to: end)
                    if depth < ShellScanner.maxDepth { scan(from: i + 2, to: close, depth: depth + 1) }
                    word.append(contentsOf: bytes[i..<min(close + 1, end)])
                    i = close + 1
                case UInt8(ascii: "<"), UInt8(ascii: ">"):
                    // A redirection: drop a file-descriptor prefix (`2>`) and the target word.
                    if wordStart >= 0, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                        word.removeAll()
                        wordStart = -1
                    } else {
                        finishWord()
                    }
                    var j = i + 1
                    while j < end,
                        bytes[j] == UInt8(ascii: "<") || bytes[j] == UInt8(ascii: ">")
                            || bytes[j] == UInt8(ascii: "&") || bytes[j] == UInt8(ascii: "|")
                    {
                        j += 1
                    }
                    let op = bytes[i..<j]
                    if op.elementsEqual([UInt8(ascii: "<"), UInt8(ascii: "<")]) {
                        var k = j
                        let strip = k < end && bytes[k] == UInt8(ascii: "-")
                        if strip { k += 1 }
                        while k < end, isBlank(bytes[k]) { k += 1 }
                        var name: [UInt8] = []
                        while k < end, !isBlank(bytes[k]), bytes[k] != 0x0A, bytes[k] != UInt8(ascii: ";"),
                            bytes[k] != UInt8(ascii: "|"), bytes[k] != UInt8(ascii: "&"), bytes[k] != UInt8(ascii: ">")
                        {
                            if bytes[k] != UInt8(ascii: "'"), bytes[k] != UInt8(ascii: "\"") { name.append(bytes[k]) }
                            k += 1
                        }
                        if !name.isEmpty { pendingHeredocs.append((name, strip)) }
                        j = k
                    } else {
                        dropNextWord = true
                    }
                    i = j
                case UInt8(ascii: "|"):
                    if i + 1 < end, bytes[i + 1] == UInt8(ascii: "|") {
                        finishCommand(samePipeline: false)
                        i += 2
                    } else {
                        finishCommand(samePipeline: true)
                        i += (i + 1 < end && bytes[i + 1] == UInt8(ascii: "&")) ? 2 : 1
                    }
                case UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"):
                    finishCommand(samePipeline: false)
                    i += 1
                default:
                    beginWord()
                    word.append(b)
                    i += 1
                }
            }
            i = min(i, end)
            finishCommand(samePipeline: false)
        }

        /// Index of the `)` closing the `(` at `open`, quote-aware; `end` when unclosed.
        func matchingParen(from open: Int, to end: Int) -> Int {
            var depth = 0
            var i = open
            var quote: UInt8 = 0
            while i < end {
                let b = bytes[i]
                if quote != 0 {
                    if b == quote { quote = 0 } else if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { i += 1 }
                } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                    quote = b
                } else if b == UInt8(ascii: "\\") {
                    i += 1
                } else if b == UInt8(ascii: "(") {
                    depth += 1
                } else if b == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { return i }
                }
                i += 1
            }
            return end
        }

        /// Skips the bodies of `<<NAME` heredocs that start at `from`; returns where scanning resumes.
        func skipHeredocBodies(_ heredocs: [(name: [UInt8], strip: Bool)], from start: Int, to end: Int) -> Int {
            var i = start
            for heredoc in heredocs {
                while i < end {
                    var lineEnd = i
                    while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                    var content = bytes[i..<lineEnd]
                    if heredoc.strip { content = content.drop { $0 == 0x09 } }
                    i = min(lineEnd + 1, end)
                    if content.elementsEqual(heredoc.name) { break }
                }
            }
            return i
        }
    }
}
