/// Byte-level questions about one absolute path, for the per-file hot loop: no String splitting,
/// no allocation, plain `while` loops over a raw pointer (which also keeps debug builds usable on
/// a million records: generic `contains(where:)` and range iterators cost ~10x there).
struct PathBytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    subscript(i: Int) -> UInt8 { base[i] }

    /// Offset of the first byte of the last component (0 for a path without `/`).
    var basenameStart: Int {
        var i = count
        while i > 0 {
            if base[i - 1] == 0x2F { return i }
            i -= 1
        }
        return 0
    }

    private func same(_ offset: Int, _ literal: [UInt8]) -> Bool {
        literal.withUnsafeBufferPointer { lit in
            var j = 0
            let n = lit.count
            while j < n {
                if base[offset + j] != lit[j] { return false }
                j += 1
            }
            return true
        }
    }

    func hasPrefix(_ literal: [UInt8]) -> Bool {
        literal.count <= count && same(0, literal)
    }

    func hasSuffix(_ literal: [UInt8]) -> Bool {
        literal.count <= count && same(count - literal.count, literal)
    }

    func equals(_ range: Range<Int>, _ literal: [UInt8]) -> Bool {
        range.count == literal.count && range.lowerBound >= 0 && range.upperBound <= count
            && same(range.lowerBound, literal)
    }

    /// Whether `range` equals any of `literals`.
    func equalsAny(_ range: Range<Int>, _ literals: [[UInt8]]) -> Bool {
        var k = 0
        while k < literals.count {
            if equals(range, literals[k]) { return true }
            k += 1
        }
        return false
    }

    /// Whether the path is `directory` or lies below it (`directory` given without trailing slash).
    func isAtOrUnder(_ directory: [UInt8]) -> Bool {
        guard hasPrefix(directory) else { return false }
        return count == directory.count || base[directory.count] == 0x2F
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes, copying only for bridged or non-contiguous strings.
    func withPathBytes<R>(_ body: (PathBytes) -> R) -> R {
        let direct = utf8.withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress.map { body(PathBytes(base: $0, count: buffer.count)) }
        }
        if let direct, let result = direct { return result }
        // Bridged, non-contiguous or empty: copy (with one spare byte so the base address exists).
        let copy = Array(utf8) + [0]
        return copy.withUnsafeBufferPointer { body(PathBytes(base: $0.baseAddress!, count: $0.count - 1)) }
    }
}

/// ASCII literal as bytes, for `PathBytes` comparisons.
func ascii(_ s: StaticString) -> [UInt8] {
    s.withUTF8Buffer { Array($0) }
}
