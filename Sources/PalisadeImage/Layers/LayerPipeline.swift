import Foundation
import PalisadeSecrets

/// Runs a layer's file analysis on its own thread while the walk (read, hash, inflate, untar)
/// continues on the caller's: the two halves of a big layer use two cores. Batches go through a
/// queue bounded in bytes, so a fast walker cannot run ahead by more than `maxQueuedBytes`.
final class LayerPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[FileJob]] = []
    private var queuedBytes = 0
    private var closed = false
    private var finished = false
    private var output: FileAnalyzer?
    private let maxQueuedBytes: Int
    private var batch: [FileJob] = []
    private var batchBytes = 0
    private static let batchBytesTarget = 2 << 20

    init(layer: Int, limits: LayerScanLimits, scanner: SecretScanner?, maxQueuedBytes: Int = 48 << 20) {
        self.maxQueuedBytes = maxQueuedBytes
        let thread = Thread { [self] in
            var analyzer = FileAnalyzer(layer: layer, limits: limits, session: scanner?.makeSession())
            while let next = take() {
                for job in next { analyzer.run(job) }
            }
            condition.lock()
            output = analyzer
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Called by the walker for each job; batches small files together.
    func submit(_ job: FileJob) {
        batch.append(job)
        batchBytes += job.bytes.count
        if batchBytes >= Self.batchBytesTarget || batch.count >= 512 { flush() }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let bytes = batchBytes
        condition.lock()
        while queuedBytes > 0 && queuedBytes + bytes > maxQueuedBytes { condition.wait() }
        queue.append(batch)
        queuedBytes += bytes
        condition.broadcast()
        condition.unlock()
        batch = []
        batchBytes = 0
    }

    private func take() -> [FileJob]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let next = queue.removeFirst()
        queuedBytes -= next.reduce(0) { $0 + $1.bytes.count }
        condition.broadcast()
        return next
    }

    /// Ends the input and waits for the analysis to finish.
    func finish() -> FileAnalyzer {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        let result = output!
        condition.unlock()
        return result
    }
}
