import PalisadeCore

/// Cursor and tree builder of `FastYAMLParser`. Mirrors libyaml's scanner rules for the subset
/// it accepts (see `FastYAMLParser`); everything else throws `FastYAMLBail`.
///
/// Columns used for structure are byte offsets from the line start: indentation is spaces only,
/// so they equal libyaml's character columns. Marks count characters, as libyaml does.
struct FastYAMLState {
    /// Deepest nesting the fast path accepts (keeps recursion shallow on small thread stacks).
    static let recursionCap = 64

    let p: UnsafePointer<UInt8>
    let n: Int
    let lineOffset: Int
    let maxDepth: Int
    var i = 0
    var line = 0
    var lineStart = 0
    var nextId: Int32 = 0
    var hasNonASCII = false
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, lineOffset: Int, maxDepth: Int) {
        self.p = base
        self.n = count
        self.lineOffset = lineOffset
        self.maxDepth = maxDepth
    }

    // MARK: - Bytes

    @inline(__always) var cur: UInt8 { i < n ? p[i] : 0 }
    @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }

    @inline(__always) static func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    /// Blank, break or end of input (the input never contains NUL: `validate` rejects it).
    @inline(__always) func isBlankZ(_ k: Int) -> Bool {
        let b = at(k)
        return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0
    }

    /// At a line break (`\n` or `\r\n`, the only ones `validate` lets through): steps over it.
    @inline(__always) mutating func consumeBreak() {
        if p[i] == 0x0D { i += 1 }
        i += 1
        line += 1
        lineStart = i
    }

    func column(_ pos: Int) -> Int {
        if !hasNonASCII { return pos - lineStart }
        var c = 0
        var k = lineStart
        while k < pos {
            if p[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        return c
    }

    func mark(_ pos: Int) -> SourceMark {
        SourceMark(line: line + 1 + lineOffset, column: column(pos) + 1)
    }

    /// libyaml's mark for the token at the cursor; at the end of input it is the start of the
    /// line after the last (libyaml forces a new line before STREAM-END).
    func tokenMark() -> SourceMark {
        if i < n { return mark(i) }
        let col = column(n)
        return SourceMark(line: line + 1 + lineOffset + (col != 0 ? 1 : 0), column: 1)
    }

    /// A `---` or `...` marker at the start of a line.
    @inline(__always) func atDocumentMarker() -> Bool {
        guard i == lineStart, i + 3 <= n else { return false }
        let b = p[i]
        guard b == 0x2D || b == 0x2E, p[i + 1] == b, p[i + 2] == b else { return false }
        return isBlankZ(i + 3)
    }

    @inline(__always) func atDocumentEndOrStart() -> Bool { i >= n || atDocumentMarker() }

    // MARK: - Validation

    /// Rejects what libyaml's reader rejects or treats specially: control characters, lone CR,
    /// invalid UTF-8, NEL/LS/PS line breaks, and BOMs other than a leading one (which is skipped).
    mutating func validate() throws(FastYAMLBail) {
        var k = 0
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
            k = 3
            i = 3
            lineStart = 3
        }
        let high: UInt64 = 0x8080_8080_8080_8080
        while k < n {
            // Eight printable ASCII bytes at a time (no high bit, nothing below 0x20, no DEL).
            if k + 8 <= n {
                let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
                let del = w ^ 0x7F7F_7F7F_7F7F_7F7F
                let suspicious =
                    (w | ((w &- 0x2020_2020_2020_2020) & ~w) | ((del &- 0x0101_0101_0101_0101) & ~del)) & high
                if suspicious == 0 {
                    k += 8
                    continue
                }
            }
            let end = min(k + 8, n)
            while k < end { try validateCharacter(at: &k) }
        }
    }

    /// Checks the character at `k` and steps over it.
    private mutating func validateCharacter(at k: inout Int) throws(FastYAMLBail) {
        let b = p[k]
        if b < 0x80 {
            if b >= 0x20 {
                if b == 0x7F { throw FastYAMLBail() }
                k += 1
            } else if b == 0x0A || b == 0x09 {
                k += 1
            } else if b == 0x0D, k + 1 < n, p[k + 1] == 0x0A {
                k += 2
            } else {
                throw FastYAMLBail()
            }
            return
        }
        hasNonASCII = true
        var cp: UInt32
        var len: Int
        let minimum: UInt32
        if b & 0xE0 == 0xC0 {
            cp = UInt32(b & 0x1F)
            len = 2
            minimum = 0x80
        } else if b & 0xF0 == 0xE0 {
            cp = UInt32(b & 0x0F)
            len = 3
            minimum = 0x800
        } else if b & 0xF8 == 0xF0 {
            cp = UInt32(b & 0x07)
            len = 4
            minimum = 0x10000
        } else {
            throw FastYAMLBail()
        }
        guard k + len <= n else { throw FastYAMLBail() }
        var j = 1
        while j < len {
            let c = p[k + j]
            guard c & 0xC0 == 0x80 else { throw FastYAMLBail() }
            cp = cp << 6 | UInt32(c & 0x3F)
            j += 1
        }
        guard cp >= minimum, cp <= 0x10FFFF else { throw FastYAMLBail() }
        let allowed =
            (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) || cp >= 0x10000
        guard allowed, cp != 0x2028, cp != 0x2029 else { throw FastYAMLBail() }
        k += len
    }

    // MARK: - Whitespace

    /// Skips spaces, comments and line breaks up to the next token in block context; tabs there
    /// are errors or subtle cases for libyaml, so they bail.
    mutating func skipToToken() throws(FastYAMLBail) {
        while i < n {
            let b = p[i]
            if b == 0x20 {
                i += 1
            } else if b == 0x0A || b == 0x0D {
                consumeBreak()
            } else if b == 0x23 {
                skipComment()
            } else if b == 0x09 {
                throw FastYAMLBail()
            } else {
                return
            }
        }
    }

    /// Flow context: tabs are whitespace; a document marker inside a collection is an error.
    mutating func skipFlow() throws(FastYAMLBail) {
        while i < n {
            let b = p[i]
            if b == 0x20 || b == 0x09 {
                i += 1
            } else if b == 0x0A || b == 0x0D {
                consumeBreak()
            } else if b == 0x23 {
                skipComment()
            } else {
                break
            }
        }
        if atDocumentMarker() { throw FastYAMLBail() }
        if i >= n { throw FastYAMLBail() }
    }

    @inline(__always) mutating func skipComment() {
        while i < n, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
    }

    /// Spaces on the current line (after an indicator, where libyaml rejects tabs).
    @inline(__always) mutating func skipSpaces() throws(FastYAMLBail) {
        while i < n {
            let b = p[i]
            if b == 0x20 {
                i += 1
            } else if b == 0x09 {
                throw FastYAMLBail()
            } else {
                return
            }
        }
    }

    /// Blanks on the current line after a scalar or flow collection (tabs are fine there).
    @inline(__always) mutating func skipBlanks() {
        while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
    }

    /// After a scalar or flow collection in block context: only a comment may follow on the
    /// line where it ended; then moves to the next token.
    mutating func finishInline(endLine: Int) throws(FastYAMLBail) {
        skipBlanks()
        if cur == 0x23 { skipComment() }
        if i < n, line == endLine, !Self.isBreak(p[i]) { throw FastYAMLBail() }
        try skipToToken()
    }

    // MARK: - Strings

    @inline(__always) func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + from, count: to - from), as: UTF8.self)
    }

    @inline(__always) mutating func appendBytes(_ from: Int, _ to: Int) {
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + from, count: to - from))
    }

    @inline(__always) mutating func appendNewlines(_ count: Int) {
        var k = 0
        while k < count {
            scratch.append(0x0A)
            k += 1
        }
    }

    mutating func scratchString() -> String {
        String(decoding: scratch, as: UTF8.self)
    }

    func scalarNode(_ value: String, _ style: YAMLScalar.Style, _ mark: SourceMark, id: Int32) -> YAMLNode {
        YAMLNode(content: .scalar(YAMLScalar(value: value, style: style)), mark: mark, id: id)
    }

    mutating func takeId() -> Int32 {
        let id = nextId
        nextId &+= 1
        return id
    }

    mutating func emptyScalar(_ mark: SourceMark) -> YAMLNode {
        scalarNode("", .plain, mark, id: takeId())
    }
}
