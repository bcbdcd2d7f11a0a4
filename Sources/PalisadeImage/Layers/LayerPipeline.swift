import Foundation
import PalisadeSecrets

/// Runs a layer's file analysis on its own thread while the walk (read, hash, inflate, untar)
/// continues on the caller's: the two halves of a big layer use two cores. Small files are
/// batched so the queue is not touched per file.
final class LayerPipeline: @unchecked Sendable {
    private let queue: BoundedQueue<[FileJob]>
    private let result = ResultBox()
    private var batch: [FileJob] = []
    private var batchBytes = 0
    private static let batchBytesTarget = 2 << 20

    /// The analyzer, handed from the consumer thread to `finish()` (after the thread ended).
    private final class ResultBox: @unchecked Sendable {
        var analyzer: FileAnalyzer?
    }

    init(layer: Int, limits: LayerScanLimits, scanner: SecretScanner?, maxQueuedBytes: Int = 48 << 20) {
        let result = self.result
        queue = BoundedQueue(maxQueuedBytes: maxQueuedBytes) { queue in
            var analyzer = FileAnalyzer(layer: layer, limits: limits, session: scanner?.makeSession())
            while let next = queue.take() {
                for job in next { analyzer.run(job) }
            }
            result.analyzer = analyzer
        }
    }

    /// Called by the walker for each job; batches small files together.
    func submit(_ job: FileJob) {
        batch.append(job)
        batchBytes += job.bytes.count
        if batchBytes >= Self.batchBytesTarget || batch.count >= 512 { flush() }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        queue.push(batch, bytes: batchBytes)
        batch = []
        batchBytes = 0
    }

    /// Ends the input and waits for the analysis to finish.
    func finish() -> FileAnalyzer {
        flush()
        queue.closeAndWait()
        return result.analyzer!
    }
}
