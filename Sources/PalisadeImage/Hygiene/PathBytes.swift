/// Byte-level questions about one absolute path, for the per-file hot loop: no String splitting,
/// no allocation. Wraps the path's contiguous UTF-8 storage for the duration of one closure.
struct PathBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    /// Offset of the first byte of the last component (0 for a path without `/`).
    var basenameStart: Int {
        var i = bytes.count
        while i > 0 {
            if bytes[i - 1] == UInt8(ascii: "/") { return i }
            i -= 1
        }
        return 0
    }

    var basenameCount: Int { bytes.count - basenameStart }

    func hasPrefix(_ literal: [UInt8]) -> Bool {
        guard literal.count <= bytes.count else { return false }
        for i in 0..<literal.count where bytes[i] != literal[i] { return false }
        return true
    }

    func hasSuffix(_ literal: [UInt8]) -> Bool {
        guard literal.count <= bytes.count else { return false }
        let start = bytes.count - literal.count
        for i in 0..<literal.count where bytes[start + i] != literal[i] { return false }
        return true
    }

    func equals(_ range: Range<Int>, _ literal: [UInt8]) -> Bool {
        guard range.count == literal.count, range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
        var j = 0
        for i in range {
            if bytes[i] != literal[j] { return false }
            j += 1
        }
        return true
    }

    /// Whether the path is `directory` or lies below it (`directory` given without trailing slash).
    func isAtOrUnder(_ directory: [UInt8]) -> Bool {
        guard hasPrefix(directory) else { return false }
        return bytes.count == directory.count || bytes[directory.count] == UInt8(ascii: "/")
    }

    /// Calls `body` with the byte range of every component, in order; stops when it returns false.
    func forEachComponent(_ body: (Range<Int>) -> Bool) {
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                if i > start, !body(start..<i) { return }
                start = i + 1
            }
            i += 1
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes, copying only for bridged or non-contiguous strings.
    func withPathBytes<R>(_ body: (PathBytes) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable({ body(PathBytes(bytes: $0)) }) { return r }
        let copy = Array(utf8)
        return copy.withUnsafeBufferPointer { body(PathBytes(bytes: $0)) }
    }
}

/// ASCII literal as bytes, for `PathBytes` comparisons.
func ascii(_ s: StaticString) -> [UInt8] {
    s.withUTF8Buffer { Array($0) }
}
