import Foundation

/// Turns Dockerfile bytes into a `Dockerfile`. Pure: no I/O, no global state.
///
/// Follows BuildKit's parser: parser directives only at the very top; a line ending in the
/// escape character continues on the next line, and comment or blank lines inside a
/// continuation are dropped; `RUN`/`COPY`/`ADD` may carry heredocs whose bodies follow the
/// instruction. Hostile input (binary, oversized, unterminated heredoc) gives a
/// `DockerfileParseError`, never a crash.
public enum DockerfileParser {
    /// Larger inputs are refused: real Dockerfiles are kilobytes; 4 MiB is generous.
    public static let maxBytes = 4 << 20

    public static func parse(_ text: String) throws(DockerfileParseError) -> Dockerfile {
        try parse(Array(text.utf8))
    }

    public static func parse(_ input: [UInt8]) throws(DockerfileParseError) -> Dockerfile {
        guard input.count <= maxBytes else {
            throw DockerfileParseError(
                line: nil, reason: "file is \(input.count) bytes, over the \(maxBytes)-byte Dockerfile limit")
        }
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw DockerfileParseError(line: line, reason: "binary data (NUL byte); not a Dockerfile")
        }
        let lines = splitLines(bytes)
        var cursor = 0
        let (directives, escape) = try readDirectives(lines, cursor: &cursor)
        var instructions: [DockerfileInstruction] = []
        while cursor < lines.count {
            let trimmed = lines[cursor].drop { isBlank($0) }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") {
                cursor += 1
                continue
            }
            instructions.append(try readInstruction(lines, cursor: &cursor, escape: escape))
        }
        let stages = StageBuilder.stages(from: instructions, escape: escape)
        return Dockerfile(
            directives: directives, escapeCharacter: Character(UnicodeScalar(escape)), instructions: instructions,
            stages: stages)
    }

    // MARK: - Lines and directives

    private static func splitLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append(stripCR(bytes[start..<i]))
            start = i + 1
        }
        if start < bytes.endIndex { lines.append(stripCR(bytes[start...])) }
        return lines
    }

    private static func stripCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private static let knownDirectives: Set<String> = ["syntax", "escape", "check"]

    /// `# syntax=…`, `# escape=…` and `# check=…` at the top, before any comment, blank line or instruction.
    private static func readDirectives(_ lines: [ArraySlice<UInt8>], cursor: inout Int) throws(DockerfileParseError)
        -> ([String: String], UInt8)
    {
        var directives: [String: String] = [:]
        var escape = UInt8(ascii: "\\")
        while cursor < lines.count {
            var rest = lines[cursor].drop(while: isBlank)
            guard rest.first == UInt8(ascii: "#") else { break }
            rest = rest.dropFirst().drop(while: isBlank)
            let key = rest.prefix { isLetter($0) }
            rest = rest.dropFirst(key.count).drop(while: isBlank)
            guard !key.isEmpty, rest.first == UInt8(ascii: "=") else { break }
            let name = String(decoding: key, as: UTF8.self).lowercased()
            guard knownDirectives.contains(name), directives[name] == nil else { break }
            let value = trimmed(rest.dropFirst())
            let text = String(decoding: value, as: UTF8.self)
            if name == "escape" {
                guard value.count == 1, value.first == UInt8(ascii: "\\") || value.first == UInt8(ascii: "`") else {
                    throw DockerfileParseError(
                        line: cursor + 1, reason: "invalid escape directive '\(text)'; use \\ or a backtick")
                }
                escape = value.first!
            }
            directives[name] = text
            cursor += 1
        }
        return (directives, escape)
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s.drop(while: isBlank)
        while let last = s.last, isBlank(last) { s = s.dropLast() }
        return s
    }

    // MARK: - Instructions

    /// Reads one logical line (with continuations) and any heredoc bodies after it.
    private static func readInstruction(_ lines: [ArraySlice<UInt8>], cursor: inout Int, escape: UInt8)
        throws(DockerfileParseError) -> DockerfileInstruction
    {
        let firstLine = cursor + 1
        var joined: [UInt8] = []
        var starts: [LineStart] = []
        var continues = true
        while continues, cursor < lines.count {
            var text = lines[cursor]
            let lineNumber = cursor + 1
            cursor += 1
            if lineNumber != firstLine {
                let content = text.drop(while: isBlank)
                // Inside a continuation, comment and blank lines are dropped (BuildKit).
                if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
            }
            let end = trimmed(text)
            if end.last == escape {
                text = text[text.startIndex..<(end.endIndex - 1)]
            } else {
                continues = false
            }
            starts.append(LineStart(offset: joined.count, line: lineNumber))
            joined.append(contentsOf: text)
        }
        var instruction = InstructionSplitter.split(joined, starts: starts, escape: escape, depth: 0)
        instruction.endLine = cursor
        if instruction.execForm == nil, ["RUN", "COPY", "ADD"].contains(instruction.keyword) {
            let markers = HeredocMarkers.find(in: Array(instruction.arguments.utf8))
            for marker in markers {
                instruction.heredocs.append(try readHeredoc(marker, lines, cursor: &cursor, at: firstLine))
            }
            instruction.endLine = max(instruction.endLine, cursor)
        }
        return instruction
    }

    private static func readHeredoc(
        _ marker: HeredocMarkers.Marker, _ lines: [ArraySlice<UInt8>], cursor: inout Int, at line: Int
    ) throws(DockerfileParseError) -> DockerfileHeredoc {
        let firstBodyLine = cursor + 1
        let name = Array(marker.name.utf8)
        var body: [UInt8] = []
        while cursor < lines.count {
            var text = lines[cursor]
            cursor += 1
            if marker.stripsTabs { text = text.drop { $0 == 0x09 } }
            if text.elementsEqual(name) {
                return DockerfileHeredoc(
                    name: marker.name, stripsTabs: marker.stripsTabs, quoted: marker.quoted,
                    body: String(decoding: body, as: UTF8.self), firstBodyLine: firstBodyLine)
            }
            body.append(contentsOf: text)
            body.append(0x0A)
        }
        throw DockerfileParseError(
            line: line, reason: "unterminated heredoc <<\(marker.name): no line '\(marker.name)' closes it")
    }
}
