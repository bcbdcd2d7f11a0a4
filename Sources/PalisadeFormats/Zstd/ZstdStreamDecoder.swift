import CZstd

/// Push-based streaming zstd decoder (libzstd's `ZSTD_decompressStream`), with the same shape as
/// `GzipStreamDecoder`: feed compressed chunks, get decompressed chunks of at most 256 KiB, O(1) memory.
/// Concatenated frames decode as one stream; `maxOutputBytes` stops decompression bombs, and the
/// window size is capped so a hostile frame cannot make libzstd allocate gigabytes.
public final class ZstdStreamDecoder {
    public let maxOutputBytes: Int64

    private static let outputCapacity = 256 * 1024
    private let stream: OpaquePointer
    private let outBuffer: UnsafeMutableRawPointer
    private var fedBefore: Int64 = 0
    private var produced: Int64 = 0
    /// Hint from the last `ZSTD_decompressStream`: 0 means a frame just ended cleanly.
    private var lastHint = 0
    private var sawAnyInput = false
    private var failed = false

    public init(maxOutputBytes: Int64 = 16 << 30, maxWindowLog: Int32 = 27) {
        self.maxOutputBytes = maxOutputBytes
        stream = ZSTD_createDStream()
        outBuffer = .allocate(byteCount: Self.outputCapacity, alignment: 64)
        ZSTD_initDStream(stream)
        ZSTD_DCtx_setParameter(stream, ZSTD_d_windowLogMax, maxWindowLog)
    }

    deinit {
        ZSTD_freeDStream(stream)
        outBuffer.deallocate()
    }

    public var totalOut: Int64 { produced }

    public func feed(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        if failed { throw ZstdError(.decoderFailed, offset: fedBefore) }
        guard let base = input.baseAddress, !input.isEmpty else { return }
        sawAnyInput = true
        var inBuf = ZSTD_inBuffer(src: base, size: input.count, pos: 0)
        do {
            // Until the input is consumed and the last call left room in the output (all flushed).
            // Calling again after a frame ended would start waiting for the next frame's header.
            while true {
                var outBuf = ZSTD_outBuffer(dst: outBuffer, size: Self.outputCapacity, pos: 0)
                let hint = ZSTD_decompressStream(stream, &outBuf, &inBuf)
                if ZSTD_isError(hint) != 0 {
                    let name = String(cString: ZSTD_getErrorName(hint))
                    throw ZstdError(.corruptData(name), offset: fedBefore + Int64(inBuf.pos))
                }
                lastHint = hint
                try emit(outBuf.pos, output)
                if inBuf.pos == inBuf.size && outBuf.pos < Self.outputCapacity { break }
            }
        } catch {
            failed = true
            throw error
        }
        fedBefore += Int64(input.count)
    }

    public func feed(_ input: [UInt8], _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try feed($0, output) }
    }

    /// Fails unless the last frame ended cleanly.
    public func finish() throws(ZstdError) {
        if failed { throw ZstdError(.decoderFailed, offset: fedBefore) }
        if !sawAnyInput || lastHint != 0 {
            failed = true
            throw ZstdError(.truncated, offset: fedBefore)
        }
    }

    private func emit(_ count: Int, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard count > 0 else { return }
        produced += Int64(count)
        if produced > maxOutputBytes {
            throw ZstdError(.outputLimitExceeded(limit: maxOutputBytes, produced: produced), offset: fedBefore)
        }
        try output(UnsafeRawBufferPointer(start: outBuffer, count: count))
    }
}

/// A corrupt, truncated or hostile zstd stream, with the compressed offset where it was detected.
public struct ZstdError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case corruptData(String)
        case truncated
        case outputLimitExceeded(limit: Int64, produced: Int64)
        case decoderFailed
    }

    public let kind: Kind
    public let offset: Int64

    public init(_ kind: Kind, offset: Int64) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        let at = "compressed byte \(offset)"
        switch kind {
        case .corruptData(let name): return "zstd: corrupt data: \(name) (\(at))"
        case .truncated: return "zstd: stream is truncated (\(at))"
        case .outputLimitExceeded(let limit, let produced):
            return "zstd: decompressed output reached \(produced) bytes, over the \(limit)-byte limit (\(at))"
        case .decoderFailed: return "zstd: decoder used after a previous error (\(at))"
        }
    }
}
