import CIsal

/// Push-based streaming gzip decoder (ISA-L's inflate, about twice zlib's speed on image layers). Feed compressed
/// chunks of any size; decompressed data comes back in chunks of at most 256 KiB, so layers of any size stream through
/// in O(1) memory. Concatenated members (pigz, `cat a.gz b.gz`) are decoded as one stream. CRC32 and ISIZE trailers
/// are verified, and `maxOutputBytes` stops decompression bombs early.
public final class GzipStreamDecoder {
    /// Largest total decompressed size accepted, across all members.
    public let maxOutputBytes: Int64

    private static let outputCapacity = 256 * 1024
    // inflate_state is ~40 KB of tables and history: keep it out of the class's inline storage and off the stack.
    private let state: UnsafeMutablePointer<inflate_state>
    private let outBuffer: UnsafeMutableRawPointer
    /// Compressed bytes handed to ISA-L before the current `feed` buffer.
    private var fedBefore: Int64 = 0
    private var produced: Int64 = 0
    /// True while inside a member (header seen or started, trailer not yet verified).
    private var inMember = false
    private var sawAnyInput = false
    private var failed = false

    public init(maxOutputBytes: Int64 = 16 << 30) {
        self.maxOutputBytes = maxOutputBytes
        state = .allocate(capacity: 1)
        outBuffer = .allocate(byteCount: Self.outputCapacity, alignment: 64)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    deinit {
        state.deallocate()
        outBuffer.deallocate()
    }

    /// Decompressed bytes produced so far.
    public var totalOut: Int64 { produced }

    /// Consumes `input`, calling `output` with each decompressed chunk (valid only during the call). Throws
    /// `GzipError` for bad input, or whatever `output` throws; after any error the decoder is unusable.
    public func feed(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        if failed { throw GzipError(.decoderFailed, offset: fedBefore) }
        do {
            var rest = input
            while !rest.isEmpty {
                // avail_in is 32-bit.
                let n = min(rest.count, 1 << 30)
                try consume(UnsafeRawBufferPointer(rebasing: rest[0..<n]), output)
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        } catch {
            failed = true
            throw error
        }
    }

    public func feed(_ input: [UInt8], _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try feed($0, output) }
    }

    /// Call at end of input: fails unless the last member ended cleanly with a verified trailer.
    public func finish() throws(GzipError) {
        if failed { throw GzipError(.decoderFailed, offset: fedBefore) }
        if inMember || !sawAnyInput {
            failed = true
            throw GzipError(.truncated, offset: fedBefore)
        }
    }

    private func consume(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        sawAnyInput = true
        if !inMember { startMember() }
        state.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        state.pointee.avail_in = UInt32(input.count)
        defer { fedBefore += Int64(input.count) }

        while true {
            state.pointee.next_out = outBuffer.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(Self.outputCapacity)
            let rc = isal_inflate(state)
            let n = Self.outputCapacity - Int(state.pointee.avail_out)
            if n > 0 {
                produced += Int64(n)
                if produced > maxOutputBytes {
                    throw error(.outputLimitExceeded(limit: maxOutputBytes, produced: produced), input)
                }
                try output(UnsafeRawBufferPointer(start: outBuffer, count: n))
            }
            if rc != ISAL_DECOMP_OK { throw error(Self.kind(for: rc), input) }

            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                inMember = false
                // ISA-L may have pulled bytes of the next member into its bit buffer: give them back.
                let carry = takeBitBuffer()
                let restPtr = state.pointee.next_in
                let restCount = Int(state.pointee.avail_in)
                if carry.isEmpty && restCount == 0 { return }
                startMember()
                if !carry.isEmpty {
                    let before = fedBefore
                    fedBefore -= Int64(carry.count) - Int64(input.count - restCount)
                    try carry.withUnsafeBytes { try consume($0, output) }
                    fedBefore = before
                }
                if restCount == 0 { return }
                state.pointee.next_in = restPtr
                state.pointee.avail_in = UInt32(restCount)
                continue
            }
            // Output buffer not filled and all input taken: ISA-L needs more input.
            if state.pointee.avail_out > 0 && state.pointee.avail_in == 0 { return }
        }
    }

    private func startMember() {
        isal_inflate_reset(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        inMember = true
    }

    /// Whole bytes still buffered in ISA-L's bit buffer, lowest first; clears the buffer.
    private func takeBitBuffer() -> [UInt8] {
        let bits = Int(state.pointee.read_in_length)
        guard bits >= 8 else { return [] }
        let word = state.pointee.read_in >> UInt64(bits % 8)
        let bytes = (0..<(bits / 8)).map { UInt8(truncatingIfNeeded: word >> UInt64(8 * $0)) }
        state.pointee.read_in = 0
        state.pointee.read_in_length = 0
        return bytes
    }

    private func error(_ kind: GzipError.Kind, _ input: UnsafeRawBufferPointer) -> GzipError {
        let consumed = input.count - Int(state.pointee.avail_in)
        return GzipError(kind, offset: fedBefore + Int64(consumed))
    }

    private static func kind(for rc: Int32) -> GzipError.Kind {
        switch rc {
        case ISAL_INVALID_WRAPPER, ISAL_UNSUPPORTED_METHOD: return .invalidHeader
        case ISAL_INVALID_BLOCK, ISAL_INVALID_SYMBOL, ISAL_INVALID_LOOKBACK: return .corruptData
        case ISAL_INCORRECT_CHECKSUM: return .checksumMismatch
        default: return .internalError(rc)
        }
    }
}
