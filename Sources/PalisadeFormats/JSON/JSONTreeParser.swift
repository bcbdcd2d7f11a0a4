import PalisadeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses JSON into the same `YAMLNode` tree the YAML loader builds, so every Kubernetes rule runs
/// unchanged on admission requests and audit events. Strings become double-quoted scalars (so
/// `"true"` stays a string); numbers, booleans and null become plain scalars.
///
/// Why not Foundation: `JSONDecoder` costs ~80 µs for a 2 KB AdmissionReview (Codable is paid per
/// field) and `JSONSerialization` loses positions and quoting. This is one pass over the bytes.
/// Strict RFC 8259: no comments, no trailing commas, no NaN, nothing after the value.
public struct JSONTreeParser {
    /// Keys whose values are checked for syntax but not built into the tree (e.g. `managedFields`,
    /// which can be most of an object's bytes and is never read by a rule).
    public var skippedKeys: [[UInt8]]
    /// Deepest nesting accepted; deeper input is rejected before it can exhaust the stack.
    public var maxDepth: Int

    public init(skippingKeys: [String] = [], maxDepth: Int = 256) {
        self.skippedKeys = skippingKeys.map { Array($0.utf8) }
        self.maxDepth = maxDepth
    }

    /// Parses one JSON document. `file` names the input in errors (`FILE:LINE:COL: reason`).
    public func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> YAMLNode {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw InputError(file: file, line: 1, column: 1, reason: "empty input, expected a JSON value")
        }
        var cursor = JSONCursor(
            bytes: bytes, ptr: base.assumingMemoryBound(to: UInt8.self), skippedKeys: skippedKeys, maxDepth: maxDepth)
        do throws(JSONSyntaxError) {
            cursor.skipWhitespace()
            guard cursor.offset < bytes.count else { throw cursor.error("empty input, expected a JSON value") }
            let root = try cursor.value(depth: 0)
            cursor.skipWhitespace()
            guard cursor.offset == bytes.count else { throw cursor.error("unexpected data after the JSON value") }
            return root
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, reason: error.reason)
        }
    }

    /// Parses a byte array.
    public func parse(_ bytes: [UInt8], file: String) throws(InputError) -> YAMLNode {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(InputError) in try parse(raw, file: file) } }
        return try result.get()
    }

    /// Parses with default settings.
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> YAMLNode {
        try JSONTreeParser().parse(bytes, file: file)
    }
}

/// A syntax error with its position; turned into an `InputError` at the edge.
struct JSONSyntaxError: Error {
    var line: Int
    var column: Int
    var reason: String
}

/// The parser's state: position, line bookkeeping and the next node id.
struct JSONCursor {
    let bytes: UnsafeRawBufferPointer
    let skippedKeys: [[UInt8]]
    let maxDepth: Int
    var offset = 0
    /// JSON allows newlines only between tokens, so lines are counted while skipping whitespace.
    var line = 1
    var lineStart = 0
    var nextID: Int32 = 0
    /// Members and elements of the containers being parsed, stacked so each finished container
    /// is moved out with one exact-size allocation instead of growing its own array.
    let pairStack = JSONNodeStack<YAMLPair>()
    let itemStack = JSONNodeStack<YAMLNode>()

    /// The input as a typed pointer for the hot loops (`parse` refuses empty input before a cursor exists).
    let ptr: UnsafePointer<UInt8>
    let end: Int

    /// Bit `n` is set when some skipped key is `n` bytes long (keys under 64 bytes).
    let skippedLengths: UInt64

    init(bytes: UnsafeRawBufferPointer, ptr: UnsafePointer<UInt8>, skippedKeys: [[UInt8]], maxDepth: Int) {
        self.bytes = bytes
        self.ptr = ptr
        self.end = bytes.count
        self.skippedKeys = skippedKeys
        var lengths: UInt64 = 0
        for key in skippedKeys where key.count < 64 { lengths |= 1 << UInt64(key.count) }
        self.skippedLengths = lengths
        self.maxDepth = maxDepth
    }

    var mark: SourceMark { SourceMark(line: line, column: offset - lineStart + 1) }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: offset - lineStart + 1, reason: reason)
    }

    @inline(__always) mutating func skipWhitespace() {
        var i = offset
        while i < end {
            let c = ptr[i]
            if c > 0x20 { break }
            if c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
            } else if c == 0x0A {
                i += 1
                line += 1
                lineStart = i
            } else {
                break
            }
        }
        offset = i
    }

    mutating func takeID() -> Int32 {
        defer { nextID &+= 1 }
        return nextID
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> YAMLNode {
        guard offset < bytes.count else { throw error("unexpected end of input, expected a value") }
        let start = mark
        switch bytes[offset] {
        case 0x7B: return try object(depth: depth + 1)
        case 0x5B: return try array(depth: depth + 1)
        case 0x22:
            let id = takeID()
            let text = try string()
            return YAMLNode(content: .scalar(YAMLScalar(value: text, style: .doubleQuoted)), mark: start, id: id)
        case 0x74: return try literal("true", start)
        case 0x66: return try literal("false", start)
        case 0x6E: return try literal("null", start)
        case 0x2D, 0x30...0x39:
            let id = takeID()
            let text = try number()
            return YAMLNode(content: .scalar(YAMLScalar(value: text)), mark: start, id: id)
        default:
            throw error("unexpected character '\(Self.printable(bytes[offset]))', expected a value")
        }
    }

    mutating func literal(_ word: StaticString, _ start: SourceMark) throws(JSONSyntaxError) -> YAMLNode {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count,
            memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        else { throw error("invalid literal, expected \(word)") }
        offset += count
        let id = takeID()
        // String literals: no bytes copied, no check, for every boolean and null.
        let text: String
        switch count {
        case 4: text = ptr[offset - 4] == 0x74 ? "true" : "null"
        default: text = "false"
        }
        return YAMLNode(content: .scalar(YAMLScalar(value: text)), mark: start, id: id)
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> YAMLNode {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = mark
        let id = takeID()
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == 0x7D {
            offset += 1
            return YAMLNode(content: .mapping([]), mark: start, id: id)
        }
        let base = pairStack.count
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == 0x22 else {
                throw error(offset < bytes.count ? "expected a quoted key" : "unexpected end of input in an object")
            }
            let keyMark = mark
            let keyStart = offset + 1
            let key = try string()
            let keyEnd = offset - 1
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == 0x3A else { throw error("expected ':' after a key") }
            offset += 1
            skipWhitespace()
            if !skippedKeys.isEmpty, isSkipped(keyStart..<keyEnd) {
                try skipValue(depth: depth)
            } else {
                let v = try value(depth: depth)
                pairStack.push(YAMLPair(key: key, keyMark: keyMark, value: v))
            }
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x7D else { throw error("expected ',' or '}' in an object") }
            offset += 1
            return YAMLNode(content: .mapping(pairStack.popArray(from: base)), mark: start, id: id)
        }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> YAMLNode {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = mark
        let id = takeID()
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == 0x5D {
            offset += 1
            return YAMLNode(content: .sequence([]), mark: start, id: id)
        }
        let base = itemStack.count
        while true {
            skipWhitespace()
            itemStack.push(try value(depth: depth))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x5D else { throw error("expected ',' or ']' in an array") }
            offset += 1
            return YAMLNode(content: .sequence(itemStack.popArray(from: base)), mark: start, id: id)
        }
    }

    /// Validates a value without building nodes: the same grammar and the same errors as `value`,
    /// but no strings, arrays or node ids (a skipped `managedFields` can be most of a request).
    mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        guard offset < end else { throw error("unexpected end of input, expected a value") }
        switch ptr[offset] {
        case 0x7B: try skipContainer(depth: depth + 1, close: 0x7D)
        case 0x5B: try skipContainer(depth: depth + 1, close: 0x5D)
        case 0x22: try skipString()
        case 0x74: try skipLiteral("true")
        case 0x66: try skipLiteral("false")
        case 0x6E: try skipLiteral("null")
        case 0x2D, 0x30...0x39: _ = try numberRange()
        default:
            throw error("unexpected character '\(Self.printable(ptr[offset]))', expected a value")
        }
    }

    /// An object (`close` is `}`) or an array (`]`), checked member by member.
    private mutating func skipContainer(depth: Int, close: UInt8) throws(JSONSyntaxError) {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let isObject = close == 0x7D
        let what = isObject ? "an object" : "an array"
        offset += 1
        skipWhitespace()
        if offset < end, ptr[offset] == close {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            if isObject {
                guard offset < end, ptr[offset] == 0x22 else {
                    throw error(offset < end ? "expected a quoted key" : "unexpected end of input in an object")
                }
                try skipString()
                skipWhitespace()
                guard offset < end, ptr[offset] == 0x3A else { throw error("expected ':' after a key") }
                offset += 1
                skipWhitespace()
            }
            try skipValue(depth: depth)
            skipWhitespace()
            guard offset < end else { throw error("unexpected end of input in \(what)") }
            if ptr[offset] == 0x2C {
                offset += 1
                continue
            }
            guard ptr[offset] == close else {
                throw error(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
            }
            offset += 1
            return
        }
    }

    /// Checks a string without building it; escapes (rare) take the building path for its checks.
    private mutating func skipString() throws(JSONSyntaxError) {
        let quote = offset
        var i = offset + 1
        while i < end {
            let c = ptr[i]
            if c == 0x22 {
                offset = i + 1
                return
            }
            if c == 0x5C { break }
            if c < 0x20 {
                offset = i
                throw error("control character in a string (escape it)")
            }
            i += 1
        }
        offset = quote
        _ = try string()
    }

    private mutating func skipLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= end, memcmp(ptr + offset, word.utf8Start, count) == 0 else {
            throw error("invalid literal, expected \(word)")
        }
        offset += count
    }

    func isSkipped(_ range: Range<Int>) -> Bool {
        // Most keys differ in length from every skipped key: one bit test instead of a loop.
        if range.count < 64, skippedLengths & (1 << UInt64(range.count)) == 0 { return false }
        for key in skippedKeys where key.count == range.count {
            if key.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress! + range.lowerBound, range.count) })
                == 0
            {
                return true
            }
        }
        return false
    }

    /// Reads a string starting at its opening quote; leaves `offset` after the closing quote.
    /// Inlined: it runs for every key and string value; escapes (rare) take `escapedString`.
    @inline(__always)
    mutating func string() throws(JSONSyntaxError) -> String {
        let begin = offset + 1
        // Fast path: no escapes (nearly every key and value in Kubernetes objects). The common
        // Kubernetes keys and values come back as literals (`JSONKnownKeys`), the rest are built.
        var i = begin
        while i < end {
            let c = ptr[i]
            if c == 0x22 {
                offset = i + 1
                if let known = JSONKnownKeys.lookup(ptr + begin, count: i - begin) { return known }
                return String(decoding: UnsafeBufferPointer(start: ptr + begin, count: i - begin), as: UTF8.self)
            }
            if c == 0x5C { break }
            if c < 0x20 {
                offset = i
                throw error("control character in a string (escape it)")
            }
            i += 1
        }
        offset = i
        return try escapedString(from: begin)
    }

    /// The rest of a string whose text starts at `begin`, from the first escape (or the end of the
    /// input) at `offset`.
    @inline(never)
    mutating func escapedString(from begin: Int) throws(JSONSyntaxError) -> String {
        guard offset < bytes.count else { throw error("unterminated string") }
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[begin..<offset]))
        while offset < bytes.count {
            let c = bytes[offset]
            if c == 0x22 {
                offset += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in a string (escape it)") }
            if c != 0x5C {
                out.append(c)
                offset += 1
                continue
            }
            guard offset + 1 < bytes.count else { throw error("unterminated string") }
            let e = bytes[offset + 1]
            offset += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard offset + 1 < bytes.count, bytes[offset] == 0x5C, bytes[offset + 1] == 0x75 else {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    offset += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("unpaired surrogate in \\u escape")
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                offset -= 1
                throw error("invalid escape '\\\(Self.printable(e))' in a string")
            }
        }
        throw error("unterminated string")
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[offset]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            offset += 1
        }
        return v
    }

    /// Reads a number per RFC 8259's grammar and returns its text unchanged.
    mutating func number() throws(JSONSyntaxError) -> String {
        let range = try numberRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Checks a number per RFC 8259's grammar and returns where its text is.
    mutating func numberRange() throws(JSONSyntaxError) -> Range<Int> {
        let begin = offset
        func digits(_ cursor: inout JSONCursor) -> Int {
            let s = cursor.offset
            while cursor.offset < cursor.bytes.count, cursor.bytes[cursor.offset] >= 0x30,
                cursor.bytes[cursor.offset] <= 0x39
            {
                cursor.offset += 1
            }
            return cursor.offset - s
        }
        if bytes[offset] == 0x2D { offset += 1 }
        guard offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 else {
            throw error("invalid number")
        }
        if bytes[offset] == 0x30 {
            offset += 1
        } else {
            _ = digits(&self)
        }
        if offset < bytes.count, bytes[offset] == 0x2E {
            offset += 1
            guard digits(&self) > 0 else { throw error("invalid number: digits expected after '.'") }
        }
        if offset < bytes.count, bytes[offset] == 0x65 || bytes[offset] == 0x45 {
            offset += 1
            if offset < bytes.count, bytes[offset] == 0x2B || bytes[offset] == 0x2D { offset += 1 }
            guard digits(&self) > 0 else { throw error("invalid number: digits expected in the exponent") }
        }
        return begin..<offset
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }
}
