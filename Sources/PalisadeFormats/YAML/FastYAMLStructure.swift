import PalisadeCore

/// Documents, block collections and flow collections of `FastYAMLParser`. Every function that
/// parses a node returns with the cursor at the next token (or the end of input), like libyaml's
/// scanner, and assigns node ids in preorder as `YAMLStreamParser` does (keys included).
extension FastYAMLState {
    mutating func parseStream(firstDocumentIndex: Int) throws(FastYAMLBail) -> [YAMLDocument] {
        try validate()
        var docs: [YAMLDocument] = []
        var index = firstDocumentIndex
        try skipToToken()
        while i < n {
            let explicit = atDocumentMarker() && p[i] == 0x2D
            if explicit {
                i += 3
                try endMarkerLine()
                try skipToToken()
            } else if !docs.isEmpty || atDocumentMarker() {
                // Content after `...`, or `...` with no document open.
                throw FastYAMLBail()
            }
            nextId = 0
            let root: YAMLNode
            if atDocumentEndOrStart() {
                root = emptyScalar(tokenMark())
            } else {
                root = try parseBlockNode(indent: -1, allowMapping: true, allowSequence: true, depth: 0)
                guard atDocumentEndOrStart() else { throw FastYAMLBail() }
            }
            docs.append(YAMLDocument(root: root, index: index))
            index += 1
            if i < n, p[i] == 0x2E {
                i += 3
                try endMarkerLine()
                try skipToToken()
                guard i >= n || (atDocumentMarker() && p[i] == 0x2D) else { throw FastYAMLBail() }
            }
        }
        return docs
    }

    /// Only a comment may follow `---` or `...` on its line here.
    private mutating func endMarkerLine() throws(FastYAMLBail) {
        try skipSpaces()
        if cur == 0x23 { skipComment() }
        if i < n, !Self.isBreak(p[i]) { throw FastYAMLBail() }
    }

    /// A node in block context at the cursor. `indent` is the enclosing block collection's column
    /// (libyaml's `parser->indent`). On the line of a `key:`, neither a block mapping nor a block
    /// sequence may start (`allowMapping`/`allowSequence` false).
    mutating func parseBlockNode(
        indent: Int, allowMapping: Bool, allowSequence: Bool, depth: Int
    ) throws(FastYAMLBail) -> YAMLNode {
        let b = p[i]
        let start = i
        let startMark = mark(i)
        let startLine = line
        switch b {
        case 0x2D where isBlankZ(i + 1):
            guard allowSequence else { throw FastYAMLBail() }
            return try parseBlockSequence(column: i - lineStart, indentless: false, depth: depth)
        case 0x7B, 0x5B:
            let node = try parseFlowCollection(indent: indent, depth: depth)
            try finishInline(endLine: line)
            return node
        case 0x27, 0x22:
            let value = try scanQuoted(indent: indent, flow: false)
            let endLine = line
            skipBlanks()
            if cur == 0x3A, isBlankZ(i + 1) {
                guard allowMapping, startLine == endLine, i - start <= 1000 else { throw FastYAMLBail() }
                return try parseBlockMapping(
                    column: start - lineStart, firstKey: value, firstKeyMark: startMark, depth: depth)
            }
            let node = scalarNode(value, b == 0x27 ? .singleQuoted : .doubleQuoted, startMark, id: takeId())
            try finishInline(endLine: endLine)
            return node
        case 0x7C, 0x3E:
            let value = try scanBlockScalar(indent: indent)
            let node = scalarNode(value, b == 0x7C ? .literal : .folded, startMark, id: takeId())
            try skipToToken()
            return node
        default:
            guard Self.isPlainStart(b, next: at(i + 1)) else { throw FastYAMLBail() }
            let plain = try scanPlain(indent: indent, flow: false)
            if cur == 0x3A, isBlankZ(i + 1) {
                guard allowMapping, !plain.multiLine, line == plain.endLine, i - start <= 1000 else {
                    throw FastYAMLBail()
                }
                return try parseBlockMapping(
                    column: start - lineStart, firstKey: plain.value, firstKeyMark: startMark, depth: depth)
            }
            let node = scalarNode(plain.value, .plain, startMark, id: takeId())
            try finishInline(endLine: plain.endLine)
            return node
        }
    }

    /// A block mapping whose first key has been scanned; the cursor is at its `:`.
    private mutating func parseBlockMapping(
        column c: Int, firstKey: String, firstKeyMark: SourceMark, depth: Int
    ) throws(FastYAMLBail) -> YAMLNode {
        guard depth < maxDepth else { throw FastYAMLBail() }
        let id = takeId()
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(8)
        var key = firstKey
        var keyMark = firstKeyMark
        while true {
            nextId &+= 1  // the key scalar
            i += 1  // ':'
            // libyaml marks an empty value at the end of the `:` token.
            let colonEnd = mark(i)
            try skipSpaces()
            let value: YAMLNode
            if i >= n || Self.isBreak(p[i]) || p[i] == 0x23 {
                try skipToToken()
                if atDocumentEndOrStart() {
                    value = emptyScalar(colonEnd)
                } else {
                    let vc = i - lineStart
                    if vc > c {
                        value = try parseBlockNode(indent: c, allowMapping: true, allowSequence: true, depth: depth + 1)
                    } else if vc == c, p[i] == 0x2D, isBlankZ(i + 1) {
                        value = try parseBlockSequence(column: c, indentless: true, depth: depth + 1)
                    } else {
                        value = emptyScalar(colonEnd)
                    }
                }
            } else {
                value = try parseBlockNode(indent: c, allowMapping: false, allowSequence: false, depth: depth + 1)
            }
            pairs.append(YAMLPair(key: key, keyMark: keyMark, value: value))
            if atDocumentEndOrStart() { break }
            let nc = i - lineStart
            if nc < c { break }
            if nc > c { throw FastYAMLBail() }
            (key, keyMark) = try scanBlockKey(column: c)
        }
        return YAMLNode(content: .mapping(pairs), mark: firstKeyMark, id: id)
    }

    /// A simple key at the start of a line of a block mapping at column `c`; stops at its `:`.
    private mutating func scanBlockKey(column c: Int) throws(FastYAMLBail) -> (String, SourceMark) {
        let start = i
        let keyMark = mark(i)
        let startLine = line
        let b = p[i]
        let key: String
        if b == 0x27 || b == 0x22 {
            key = try scanQuoted(indent: c, flow: false)
            guard line == startLine else { throw FastYAMLBail() }
            skipBlanks()
        } else {
            guard Self.isPlainStart(b, next: at(i + 1)) else { throw FastYAMLBail() }
            let plain = try scanPlain(indent: c, flow: false)
            guard !plain.multiLine, line == startLine else { throw FastYAMLBail() }
            key = plain.value
        }
        guard cur == 0x3A, isBlankZ(i + 1), i - start <= 1000 else { throw FastYAMLBail() }
        return (key, keyMark)
    }

    /// A block sequence whose first `-` is at the cursor, at column `c`. An indentless sequence
    /// (a mapping value at the mapping's own column) ends at the first line that is not an entry.
    private mutating func parseBlockSequence(column c: Int, indentless: Bool, depth: Int) throws(FastYAMLBail)
        -> YAMLNode
    {
        guard depth < maxDepth else { throw FastYAMLBail() }
        let id = takeId()
        let seqMark = mark(i)
        var items: [YAMLNode] = []
        items.reserveCapacity(4)
        while true {
            i += 1  // '-'
            let dashEnd = mark(i)
            try skipSpaces()
            let item: YAMLNode
            if i >= n || Self.isBreak(p[i]) || p[i] == 0x23 {
                try skipToToken()
                if !atDocumentEndOrStart(), i - lineStart > c {
                    item = try parseBlockNode(indent: c, allowMapping: true, allowSequence: true, depth: depth + 1)
                } else {
                    item = emptyScalar(dashEnd)
                }
            } else {
                item = try parseBlockNode(indent: c, allowMapping: true, allowSequence: true, depth: depth + 1)
            }
            items.append(item)
            if atDocumentEndOrStart() { break }
            let nc = i - lineStart
            if nc < c { break }
            if nc > c { throw FastYAMLBail() }
            if p[i] == 0x2D, isBlankZ(i + 1) { continue }
            if indentless { break }
            throw FastYAMLBail()
        }
        return YAMLNode(content: .sequence(items), mark: seqMark, id: id)
    }

    // MARK: - Flow

    /// `{…}` or `[…]` at the cursor; leaves the cursor after the closing bracket.
    mutating func parseFlowCollection(indent: Int, depth: Int) throws(FastYAMLBail) -> YAMLNode {
        guard depth < maxDepth else { throw FastYAMLBail() }
        let isMapping = p[i] == 0x7B
        let m = mark(i)
        let id = takeId()
        i += 1
        if isMapping {
            var pairs: [YAMLPair] = []
            while true {
                try skipFlow()
                if p[i] == 0x7D { break }
                let keyStart = i
                let keyMark = mark(i)
                let keyLine = line
                let b = p[i]
                let key: String
                if b == 0x27 || b == 0x22 {
                    key = try scanQuoted(indent: indent, flow: true)
                } else if Self.isPlainStart(b, next: at(i + 1), flow: true) {
                    let plain = try scanPlain(indent: indent, flow: true)
                    guard !plain.multiLine else { throw FastYAMLBail() }
                    key = plain.value
                } else {
                    throw FastYAMLBail()
                }
                nextId &+= 1
                try skipFlow()
                guard p[i] == 0x3A, line == keyLine, i - keyStart <= 1000 else { throw FastYAMLBail() }
                i += 1
                try skipFlow()
                if p[i] == 0x2C || p[i] == 0x7D { throw FastYAMLBail() }
                let value = try parseFlowNode(indent: indent, depth: depth + 1)
                pairs.append(YAMLPair(key: key, keyMark: keyMark, value: value))
                try skipFlow()
                if p[i] == 0x2C {
                    i += 1
                } else if p[i] != 0x7D {
                    throw FastYAMLBail()
                }
            }
            i += 1
            return YAMLNode(content: .mapping(pairs), mark: m, id: id)
        }
        var items: [YAMLNode] = []
        while true {
            try skipFlow()
            if p[i] == 0x5D { break }
            items.append(try parseFlowNode(indent: indent, depth: depth + 1))
            try skipFlow()
            if p[i] == 0x2C {
                i += 1
            } else if p[i] != 0x5D {
                throw FastYAMLBail()
            }
        }
        i += 1
        return YAMLNode(content: .sequence(items), mark: m, id: id)
    }

    /// A node inside a flow collection: a scalar or a nested collection.
    private mutating func parseFlowNode(indent: Int, depth: Int) throws(FastYAMLBail) -> YAMLNode {
        let b = p[i]
        let m = mark(i)
        switch b {
        case 0x7B, 0x5B:
            return try parseFlowCollection(indent: indent, depth: depth)
        case 0x27, 0x22:
            let value = try scanQuoted(indent: indent, flow: true)
            return scalarNode(value, b == 0x27 ? .singleQuoted : .doubleQuoted, m, id: takeId())
        default:
            guard Self.isPlainStart(b, next: at(i + 1), flow: true) else { throw FastYAMLBail() }
            let plain = try scanPlain(indent: indent, flow: true)
            return scalarNode(plain.value, .plain, m, id: takeId())
        }
    }
}
