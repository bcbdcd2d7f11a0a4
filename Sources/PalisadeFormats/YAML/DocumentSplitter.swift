/// Finds document boundaries in a YAML stream without parsing it: a line that starts with
/// `---` followed by whitespace or the end of the line always starts a new document (YAML
/// forbids that marker inside any scalar), so the pieces can be parsed independently.
public enum DocumentSplitter {
    public struct Chunk: Sendable, Hashable {
        /// Byte range in the input.
        public var range: Range<Int>
        /// Number of lines before the chunk (added to libyaml's 0-based line numbers).
        public var lineOffset: Int
    }

    public static func split(_ bytes: UnsafeRawBufferPointer) -> [Chunk] {
        var chunks: [Chunk] = []
        var start = 0
        var startLine = 0
        var line = 0
        var i = 0
        let n = bytes.count
        while i < n {
            // `i` is at the start of a line.
            if i + 3 <= n, bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x2D,
                i + 3 == n || isBreakOrSpace(bytes[i + 3]), i > start
            {
                chunks.append(Chunk(range: start..<i, lineOffset: startLine))
                start = i
                startLine = line
            }
            // Advance to the next line.
            while i < n && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            if i < n {
                if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                line += 1
            }
        }
        if start < n || chunks.isEmpty {
            chunks.append(Chunk(range: start..<n, lineOffset: startLine))
        }
        return chunks
    }

    @inline(__always)
    private static func isBreakOrSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
