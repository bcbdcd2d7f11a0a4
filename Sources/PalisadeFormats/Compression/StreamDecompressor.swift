/// Decompresses a layer blob whatever its encoding. Media types lie often enough (Docker archives
/// label uncompressed tars as gzip, some registries the reverse) that the encoding is decided from
/// the first bytes: gzip `1f 8b`, zstd `28 b5 2f fd`, anything else passes through as a plain tar.
public final class StreamDecompressor {
    public enum Encoding: String, Sendable {
        case gzip, zstd, uncompressed
    }

    public let maxOutputBytes: Int64
    public private(set) var encoding: Encoding?
    private var gzip: GzipStreamDecoder?
    private var zstd: ZstdStreamDecoder?
    private var head: [UInt8] = []
    private var passedThrough: Int64 = 0

    public init(maxOutputBytes: Int64 = 16 << 30) {
        self.maxOutputBytes = maxOutputBytes
    }

    /// Decompressed bytes produced so far.
    public var totalOut: Int64 {
        switch encoding {
        case .gzip: gzip?.totalOut ?? 0
        case .zstd: zstd?.totalOut ?? 0
        case .uncompressed: passedThrough
        case nil: 0
        }
    }

    public func feed(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        if encoding == nil {
            // Collect 4 bytes to decide; tiny first chunks are possible.
            let taken = min(input.count, 4 - head.count)
            head.append(contentsOf: input.prefix(taken))
            if head.count < 4 { return }
            decide()
            let start = head
            head = []
            try start.withUnsafeBytes { try route($0, output) }
            try route(UnsafeRawBufferPointer(rebasing: input[taken...]), output)
            return
        }
        try route(input, output)
    }

    public func finish() throws {
        if encoding == nil {
            decide()
            let start = head
            head = []
            try start.withUnsafeBytes { try route($0, { _ in }) }
        }
        switch encoding {
        case .gzip: try gzip?.finish()
        case .zstd: try zstd?.finish()
        case .uncompressed, nil: break
        }
    }

    private func decide() {
        if head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b {
            encoding = .gzip
            gzip = GzipStreamDecoder(maxOutputBytes: maxOutputBytes)
        } else if head.count >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd {
            encoding = .zstd
            zstd = ZstdStreamDecoder(maxOutputBytes: maxOutputBytes)
        } else {
            encoding = .uncompressed
        }
    }

    private func route(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !input.isEmpty else { return }
        switch encoding {
        case .gzip: try gzip!.feed(input, output)
        case .zstd: try zstd!.feed(input, output)
        case .uncompressed, nil:
            passedThrough += Int64(input.count)
            if passedThrough > maxOutputBytes {
                throw UncompressedLimitError(limit: maxOutputBytes)
            }
            try output(input)
        }
    }
}

/// An uncompressed layer larger than the configured cap.
public struct UncompressedLimitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var limit: Int64

    public var description: String { "layer: uncompressed stream is over the \(limit)-byte limit" }
}
