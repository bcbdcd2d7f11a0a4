/// Scalar scanners of `FastYAMLParser`, line for line the folding rules of libyaml's
/// `yaml_parser_scan_plain_scalar`, `…_flow_scalar` and `…_block_scalar`.
extension FastYAMLState {
    /// Whether `b` (followed by `next`) can start a plain scalar. Stricter than libyaml: in flow
    /// context, `?` and `:` starts bail.
    @inline(__always) static func isPlainStart(_ b: UInt8, next: UInt8, flow: Bool = false) -> Bool {
        switch b {
        case 0x2D:  // '-' followed by a non-blank: "-1", "--flag"
            return !(next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0)
        case 0x3F, 0x3A:  // "::1" in block context
            return !flow && !(next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0)
        case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40,
            0x60:
            return false
        default:
            return b > 0x20
        }
    }

    struct Plain {
        var value: String
        /// Line of the scalar's last character.
        var endLine: Int
        var multiLine: Bool
    }

    /// A plain scalar starting at the cursor. `indent` is libyaml's `parser->indent` (the
    /// innermost block collection's column, -1 at the root). Leaves the cursor where libyaml's
    /// scanner stops: after trailing blanks and breaks, at the next non-blank.
    mutating func scanPlain(indent: Int, flow: Bool) throws(FastYAMLBail) -> Plain {
        let start = i
        var runEnd = i
        var endLine = line
        var folded = false
        var breaks = 0
        var blanksStart = i
        while true {
            if i == lineStart, atDocumentMarker() { break }
            if cur == 0x23 { break }
            let runStart = i
            while i < n {
                let b = p[i]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
                if b == 0x3A {
                    let next = at(i + 1)
                    if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0 { break }
                    if flow {
                        switch next {
                        case 0x2C, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D: throw FastYAMLBail()
                        default: break
                        }
                    }
                } else if flow, b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D {
                    break
                }
                i += 1
            }
            if i == runStart { break }
            if breaks > 0 {
                if !folded {
                    folded = true
                    scratch.removeAll(keepingCapacity: true)
                    appendBytes(start, runEnd)
                }
                if breaks == 1 {
                    scratch.append(0x20)
                } else {
                    appendNewlines(breaks - 1)
                }
                appendBytes(runStart, i)
            } else if folded {
                appendBytes(blanksStart, i)
            }
            runEnd = i
            endLine = line
            breaks = 0
            guard i < n else { break }
            let b = p[i]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { break }
            blanksStart = i
            while i < n {
                let c = p[i]
                if c == 0x20 {
                    i += 1
                } else if c == 0x09 {
                    // libyaml: a tab in the indentation of a continuation line is an error.
                    if breaks > 0, !flow || i - lineStart < indent + 1 { throw FastYAMLBail() }
                    i += 1
                } else if c == 0x0A || c == 0x0D {
                    consumeBreak()
                    breaks += 1
                } else {
                    break
                }
            }
            if !flow, breaks > 0, i - lineStart < indent + 1 { break }
        }
        let value = folded ? scratchString() : string(start, runEnd)
        return Plain(value: value, endLine: endLine, multiLine: folded)
    }

    /// A single- or double-quoted scalar at the cursor; leaves the cursor after the closing quote.
    /// In block context, continuation lines must be indented deeper than `indent`.
    mutating func scanQuoted(indent: Int, flow: Bool) throws(FastYAMLBail) -> String {
        let quote = p[i]
        let single = quote == 0x27
        i += 1
        // Fast path: one line, no escapes.
        var k = i
        while k < n {
            let b = p[k]
            if b == quote {
                if single, at(k + 1) == 0x27 { break }
                let s = string(i, k)
                i = k + 1
                return s
            }
            if b == 0x0A || b == 0x0D || (!single && b == 0x5C) { break }
            k += 1
        }
        scratch.removeAll(keepingCapacity: true)
        while true {
            if i == lineStart, atDocumentMarker() { throw FastYAMLBail() }
            if i >= n { throw FastYAMLBail() }
            var leadingBlanks = false
            while i < n {
                let b = p[i]
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
                if single, b == 0x27, at(i + 1) == 0x27 {
                    scratch.append(0x27)
                    i += 2
                } else if b == quote {
                    break
                } else if !single, b == 0x5C, Self.isBreak(at(i + 1)) {
                    i += 1
                    consumeBreak()
                    leadingBlanks = true
                    break
                } else if !single, b == 0x5C {
                    try scanEscape()
                } else {
                    scratch.append(b)
                    i += 1
                }
            }
            if i >= n { throw FastYAMLBail() }
            if p[i] == quote { break }
            // Blanks and breaks.
            let whitespaceStart = i
            var whitespaceEnd = i
            var leadingBreak = false
            var trailingBreaks = 0
            while i < n {
                let b = p[i]
                if b == 0x20 || b == 0x09 {
                    i += 1
                    if !leadingBlanks { whitespaceEnd = i }
                } else if b == 0x0A || b == 0x0D {
                    consumeBreak()
                    if !leadingBlanks {
                        leadingBlanks = true
                        leadingBreak = true
                    } else {
                        trailingBreaks += 1
                    }
                } else {
                    break
                }
            }
            if leadingBlanks {
                if !flow, i - lineStart <= indent, i < n { throw FastYAMLBail() }
                if leadingBreak {
                    if trailingBreaks == 0 {
                        scratch.append(0x20)
                    } else {
                        appendNewlines(trailingBreaks)
                    }
                } else {
                    appendNewlines(trailingBreaks)
                }
            } else {
                appendBytes(whitespaceStart, whitespaceEnd)
            }
        }
        i += 1
        return scratchString()
    }

    private mutating func scanEscape() throws(FastYAMLBail) {
        let e = at(i + 1)
        i += 2
        var hexDigits = 0
        switch e {
        case 0x30: scratch.append(0)
        case 0x61: scratch.append(0x07)
        case 0x62: scratch.append(0x08)
        case 0x74, 0x09: scratch.append(0x09)
        case 0x6E: scratch.append(0x0A)
        case 0x76: scratch.append(0x0B)
        case 0x66: scratch.append(0x0C)
        case 0x72: scratch.append(0x0D)
        case 0x65: scratch.append(0x1B)
        case 0x20: scratch.append(0x20)
        case 0x22: scratch.append(0x22)
        case 0x2F: scratch.append(0x2F)
        case 0x5C: scratch.append(0x5C)
        case 0x4E: appendScalar(0x85)
        case 0x5F: appendScalar(0xA0)
        case 0x4C: appendScalar(0x2028)
        case 0x50: appendScalar(0x2029)
        case 0x78: hexDigits = 2
        case 0x75: hexDigits = 4
        case 0x55: hexDigits = 8
        default: throw FastYAMLBail()
        }
        guard hexDigits > 0 else { return }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            let h = at(i)
            let d: UInt8
            switch h {
            case 0x30...0x39: d = h - 0x30
            case 0x41...0x46: d = h - 0x41 + 10
            case 0x61...0x66: d = h - 0x61 + 10
            default: throw FastYAMLBail()
            }
            value = value << 4 | UInt32(d)
            i += 1
        }
        guard value <= 0x10FFFF, !(value >= 0xD800 && value <= 0xDFFF) else { throw FastYAMLBail() }
        appendScalar(value)
    }

    private mutating func appendScalar(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(v))
        } else if v < 0x800 {
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// A `|` or `>` block scalar at the cursor. `indent` is libyaml's `parser->indent`.
    /// Leaves the cursor at the first non-space of the line that ends it (or the end of input).
    mutating func scanBlockScalar(indent parentIndent: Int) throws(FastYAMLBail) -> String {
        let literal = p[i] == 0x7C
        i += 1
        var chomping = 0
        var increment = 0
        var b = cur
        if b == 0x2B || b == 0x2D {
            chomping = b == 0x2B ? 1 : -1
            i += 1
            b = cur
            if b >= 0x30 && b <= 0x39 {
                if b == 0x30 { throw FastYAMLBail() }
                increment = Int(b - 0x30)
                i += 1
            }
        } else if b >= 0x30 && b <= 0x39 {
            if b == 0x30 { throw FastYAMLBail() }
            increment = Int(b - 0x30)
            i += 1
            b = cur
            if b == 0x2B || b == 0x2D {
                chomping = b == 0x2B ? 1 : -1
                i += 1
            }
        }
        skipBlanks()
        if cur == 0x23 { skipComment() }
        if i < n {
            guard Self.isBreak(p[i]) else { throw FastYAMLBail() }
            consumeBreak()
        }
        var indent = 0
        if increment > 0 {
            indent = parentIndent >= 0 ? parentIndent + increment : increment
        }
        scratch.removeAll(keepingCapacity: true)
        var trailing = 0
        try blockBreaks(indent: &indent, breaks: &trailing, parentIndent: parentIndent)
        var leadingBreak = false
        var leadingBlank = false
        while i < n, i - lineStart == indent {
            let c = p[i]
            let trailingBlank = c == 0x20 || c == 0x09
            if !literal, leadingBreak, !leadingBlank, !trailingBlank {
                if trailing == 0 { scratch.append(0x20) }
                leadingBreak = false
            } else if leadingBreak {
                scratch.append(0x0A)
                leadingBreak = false
            }
            appendNewlines(trailing)
            trailing = 0
            leadingBlank = trailingBlank
            let lineContent = i
            while i < n, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
            appendBytes(lineContent, i)
            if i >= n { break }
            consumeBreak()
            leadingBreak = true
            try blockBreaks(indent: &indent, breaks: &trailing, parentIndent: parentIndent)
        }
        if chomping != -1, leadingBreak { scratch.append(0x0A) }
        if chomping == 1 { appendNewlines(trailing) }
        return scratchString()
    }

    /// libyaml's `yaml_parser_scan_block_scalar_breaks`: indentation and empty lines; fixes the
    /// indentation from the first lines when it is not known yet.
    private mutating func blockBreaks(indent: inout Int, breaks: inout Int, parentIndent: Int) throws(FastYAMLBail) {
        var maxIndent = 0
        while true {
            while i < n, indent == 0 || i - lineStart < indent, p[i] == 0x20 { i += 1 }
            if i - lineStart > maxIndent { maxIndent = i - lineStart }
            if i < n, indent == 0 || i - lineStart < indent, p[i] == 0x09 { throw FastYAMLBail() }
            guard i < n, Self.isBreak(p[i]) else { break }
            consumeBreak()
            breaks += 1
        }
        if indent == 0 {
            indent = max(maxIndent, parentIndent + 1, 1)
        }
    }
}
