import CIsal

/// One-shot DEFLATE decompression with ISA-L for data that fits in memory (ZIP entries, cargo-auditable's
/// zlib-wrapped JSON). The output is capped: data that would inflate past `maxOutput` is refused, which stops
/// zip bombs after at most `maxOutput` bytes of work.
enum Inflater {
    enum Wrapper {
        /// Raw DEFLATE (ZIP method 8).
        case raw
        /// zlib header and Adler-32 trailer (RFC 1950), checked.
        case zlib
    }

    enum InflateError: Error, Equatable {
        case corrupt
        case truncated
        case tooLarge(limit: Int)
    }

    static func inflate(_ input: UnsafeRawBufferPointer, wrapper: Wrapper, expectedSize: Int? = nil, maxOutput: Int)
        throws(InflateError) -> [UInt8]
    {
        guard let base = input.baseAddress, !input.isEmpty else { throw .truncated }
        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { state.deallocate() }
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(wrapper == .zlib ? ISAL_ZLIB : ISAL_DEFLATE)
        state.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        state.pointee.avail_in = UInt32(min(input.count, Int(UInt32.max)))

        var capacity = min(maxOutput, max(expectedSize ?? input.count * 4, 4096))
        // A raw buffer grown by copying: `Array` growth through generic appends is slow in debug builds.
        var output = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        defer { output.deallocate() }
        var produced = 0
        while true {
            state.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
            state.pointee.avail_out = UInt32(capacity - produced)
            let rc = isal_inflate(state)
            produced = capacity - Int(state.pointee.avail_out)
            guard rc == ISAL_DECOMP_OK else { throw rc == ISAL_END_INPUT ? .truncated : .corrupt }
            if state.pointee.block_state == ISAL_BLOCK_FINISH { break }
            if state.pointee.avail_out == 0 {
                // Output full but the stream goes on.
                guard capacity < maxOutput else { throw .tooLarge(limit: maxOutput) }
                capacity = min(maxOutput, capacity * 2)
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: output[0..<produced]))
                output.deallocate()
                output = grown
                continue
            }
            // Output has room and ISA-L stopped: it consumed all input without reaching the end.
            throw .truncated
        }
        return Array(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
    }
}
