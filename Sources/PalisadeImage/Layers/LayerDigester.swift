import Crypto
import Foundation

/// SHA-256 of a layer's blob and of its uncompressed tar stream, computed on a thread of its own
/// for big layers: hashing is a quarter of a layer walk's work, and inflating cannot go faster
/// than one core, so hashing beside it brings a scan close to the speed of `igzip -dc` alone.
/// Bytes are copied into a queue bounded in size; small layers hash inline.
final class LayerDigester: @unchecked Sendable {
    private var blob = SHA256()
    private var tar = SHA256()
    private let condition = NSCondition()
    private var queue: [(isBlob: Bool, bytes: [UInt8])] = []
    private var queuedBytes = 0
    private var closed = false
    private var done = false
    private let threaded: Bool
    private static let maxQueuedBytes = 32 << 20

    init(threaded: Bool) {
        self.threaded = threaded
        guard threaded else { return }
        let thread = Thread { [self] in
            while let (isBlob, bytes) = take() {
                bytes.withUnsafeBytes { raw in
                    if isBlob { blob.update(bufferPointer: raw) } else { tar.update(bufferPointer: raw) }
                }
            }
            condition.lock()
            done = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    func blobBytes(_ bytes: UnsafeRawBufferPointer) { add(true, bytes) }
    func tarBytes(_ bytes: UnsafeRawBufferPointer) { add(false, bytes) }

    private func add(_ isBlob: Bool, _ bytes: UnsafeRawBufferPointer) {
        guard threaded else {
            if isBlob { blob.update(bufferPointer: bytes) } else { tar.update(bufferPointer: bytes) }
            return
        }
        let copy = [UInt8](bytes)
        condition.lock()
        while queuedBytes > 0 && queuedBytes + copy.count > Self.maxQueuedBytes { condition.wait() }
        queue.append((isBlob, copy))
        queuedBytes += copy.count
        condition.broadcast()
        condition.unlock()
    }

    private func take() -> (Bool, [UInt8])? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let next = queue.removeFirst()
        queuedBytes -= next.bytes.count
        condition.broadcast()
        return next
    }

    /// Waits for the queue to drain; returns (blob digest, diffID) as `sha256:…`.
    func finish() -> (blob: String, tar: String) {
        if threaded {
            condition.lock()
            closed = true
            condition.broadcast()
            while !done { condition.wait() }
            condition.unlock()
        }
        return (Digest.hex(blob.finalize()), Digest.hex(tar.finalize()))
    }
}
