import Foundation
import PalisadeImage
import Synchronization

/// A one-line progress display on stderr for long image scans: layers done, bytes read, rate.
/// Only when stderr is a terminal, so pipes and CI logs stay clean.
final class ScanProgressLine: Sendable {
    private let start = Date()
    private let shown = Mutex(false)

    static func makeIfTerminal() -> ScanProgressLine? {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil ? ScanProgressLine() : nil
    }

    func update(_ p: ImageScanProgress) {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let mb = Double(p.compressedBytesRead) / 1_048_576
        let total = Double(p.compressedBytesTotal) / 1_048_576
        let line = String(
            format: "\r\u{1B}[Kscanning: %d/%d layers, %.0f/%.0f MiB read, %.0f MiB/s", p.layersDone, p.layerCount, mb,
            total, mb / seconds)
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Any one-line status (the registry audit's repository count).
    func show(_ text: String) {
        shown.withLock { $0 = true }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    func finish() {
        if shown.withLock({ $0 }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
