import Foundation

/// Splits one joined logical line into keyword, flags, arguments and exec form.
enum InstructionSplitter {
    /// Keywords whose leading `--flags` BuildKit parses.
    private static let flagKeywords: Set<String> = ["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]

    static func split(_ joined: [UInt8], starts: [LineStart], escape: UInt8, depth: Int) -> DockerfileInstruction {
        var i = 0
        while i < joined.count, DockerfileParser.isBlank(joined[i]) { i += 1 }
        let keywordStart = i
        while i < joined.count, !DockerfileParser.isBlank(joined[i]) { i += 1 }
        let keyword = String(decoding: joined[keywordStart..<i], as: UTF8.self).uppercased()
        while i < joined.count, DockerfileParser.isBlank(joined[i]) { i += 1 }

        var flags: [DockerfileFlag] = []
        if flagKeywords.contains(keyword) {
            while i + 1 < joined.count, joined[i] == UInt8(ascii: "-"), joined[i + 1] == UInt8(ascii: "-") {
                let wordStart = i + 2
                var j = wordStart
                var quote: UInt8 = 0
                while j < joined.count {
                    let b = joined[j]
                    if quote != 0 {
                        if b == quote { quote = 0 }
                    } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                        quote = b
                    } else if DockerfileParser.isBlank(b) {
                        break
                    }
                    j += 1
                }
                let word = String(decoding: joined[wordStart..<j], as: UTF8.self)
                if let eq = word.firstIndex(of: "=") {
                    flags.append(
                        DockerfileFlag(name: word[..<eq].lowercased(), value: String(word[word.index(after: eq)...])))
                } else {
                    flags.append(DockerfileFlag(name: word.lowercased(), value: nil))
                }
                i = j
                while i < joined.count, DockerfileParser.isBlank(joined[i]) { i += 1 }
            }
        }

        let argumentStart = i
        let argumentBytes = DockerfileParser.trimmed(joined[argumentStart...])
        let arguments = String(decoding: argumentBytes, as: UTF8.self)
        let argumentLines = starts.map { LineStart(offset: max(0, $0.offset - argumentStart), line: $0.line) }
        let line = starts.first?.line ?? 1
        var instruction = DockerfileInstruction(
            keyword: keyword, flags: flags, arguments: arguments, execForm: execForm(arguments), line: line,
            endLine: starts.last?.line ?? line, argumentLines: argumentLines)
        if keyword == "ONBUILD", depth == 0, !argumentBytes.isEmpty {
            let inner = Array(joined[argumentStart...])
            let innerStarts = starts.map { LineStart(offset: max(0, $0.offset - argumentStart), line: $0.line) }
            var triggered = split(inner, starts: innerStarts, escape: escape, depth: depth + 1)
            triggered.line = instruction.line
            instruction.triggered = [triggered]
        }
        return instruction
    }

    /// The strings of a JSON array of strings; nil for anything else (BuildKit then uses shell form).
    private static func execForm(_ arguments: String) -> [String]? {
        guard arguments.hasPrefix("["), arguments.hasSuffix("]") else { return nil }
        return try? JSONDecoder().decode([String].self, from: Data(arguments.utf8))
    }
}
