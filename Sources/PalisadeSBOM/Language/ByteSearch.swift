#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fixed-pattern search and little helpers over raw bytes, used to find magic markers inside binaries.
enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`: libc `memchr` finds each
    /// candidate first byte (vectorised), `memcmp` checks the rest. (`memmem` is a GNU extension Swift's Glibc
    /// module does not export.)
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, from >= 0, from < haystack.count,
            haystack.count - from >= needle.count
        else { return nil }
        return needle.withUnsafeBytes { pattern -> Int? in
            let last = haystack.count - needle.count  // last offset where the needle fits
            var offset = from
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                let position = UnsafeRawPointer(hit) - base
                if memcmp(hit, pattern.baseAddress!, pattern.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }

    /// Reads an unsigned little- or big-endian integer of `width` bytes (1...8) at `offset`, or nil out of bounds.
    static func uint(_ bytes: UnsafeRawBufferPointer, at offset: Int, width: Int, bigEndian: Bool) -> UInt64? {
        guard width >= 1, width <= 8, offset >= 0, offset <= bytes.count - width else { return nil }
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[bigEndian ? offset + index : offset + width - 1 - index])
            value = value << 8 | byte
        }
        return value
    }

    /// Decodes UTF-8 (lossily) for the bytes in `range`, clamped to the buffer.
    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return ByteText.decode(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]))
    }
}
