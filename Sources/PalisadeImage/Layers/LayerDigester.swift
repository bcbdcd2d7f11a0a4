import Crypto
import Foundation

/// SHA-256 of a layer's blob and of its uncompressed tar stream, computed on a thread of its own
/// for big layers: hashing is a quarter of a layer walk's work, and inflating cannot go faster
/// than one core, so hashing beside it brings a scan close to the speed of `igzip -dc` alone.
/// Bytes are copied into a bounded queue; small layers hash inline.
final class LayerDigester: @unchecked Sendable {
    private final class Hashes: @unchecked Sendable {
        var blob = SHA256()
        var tar = SHA256()

        func update(isBlob: Bool, _ bytes: UnsafeRawBufferPointer) {
            if isBlob { blob.update(bufferPointer: bytes) } else { tar.update(bufferPointer: bytes) }
        }
    }

    private let hashes = Hashes()
    private let queue: BoundedQueue<(isBlob: Bool, bytes: [UInt8])>?

    init(threaded: Bool) {
        let hashes = self.hashes
        queue =
            threaded
            ? BoundedQueue(maxQueuedBytes: 32 << 20) { queue in
                while let (isBlob, bytes) = queue.take() {
                    bytes.withUnsafeBytes { hashes.update(isBlob: isBlob, $0) }
                }
            } : nil
    }

    func blobBytes(_ bytes: UnsafeRawBufferPointer) { add(true, bytes) }
    func tarBytes(_ bytes: UnsafeRawBufferPointer) { add(false, bytes) }

    private func add(_ isBlob: Bool, _ bytes: UnsafeRawBufferPointer) {
        guard let queue else {
            hashes.update(isBlob: isBlob, bytes)
            return
        }
        queue.push((isBlob, [UInt8](bytes)), bytes: bytes.count)
    }

    /// Waits for the queue to drain; returns (blob digest, diffID) as `sha256:…`.
    func finish() -> (blob: String, tar: String) {
        queue?.closeAndWait()
        return (Digest.hex(hashes.blob.finalize()), Digest.hex(hashes.tar.finalize()))
    }
}
