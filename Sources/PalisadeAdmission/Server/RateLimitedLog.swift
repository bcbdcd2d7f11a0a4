import NIOCore
import Synchronization

/// The server's log, capped at `limit` lines per second so a flood of bad connections cannot
/// flood the log too; lines over the cap are counted and reported as one
/// "N similar lines suppressed" line when the next second opens (or at the next `flush`).
final class RateLimitedLog: Sendable {
    private struct Window {
        var start = NIODeadline.uptimeNanoseconds(0)
        var lines = 0
        var suppressed = 0
    }

    private let sink: @Sendable (String) -> Void
    private let limit: Int
    private let window = Mutex(Window())

    init(limit: Int = 20, sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        self.limit = limit
    }

    /// Logs one line (newlines replaced, so every entry stays one line) unless the cap is reached.
    func callAsFunction(_ line: String) {
        let now = NIODeadline.now()
        let (emit, suppressed) = window.withLock { window -> (Bool, Int) in
            var suppressed = 0
            if now - window.start >= .seconds(1) {
                suppressed = window.suppressed
                window = Window(start: now)
            }
            guard window.lines < limit else {
                window.suppressed += 1
                return (false, suppressed)
            }
            window.lines += 1
            return (true, suppressed)
        }
        if suppressed > 0 { sink("\(suppressed) similar lines suppressed") }
        if emit { sink(Self.singleLine(line)) }
    }

    /// Reports lines suppressed in a window that has ended, even when nothing else is logged.
    func flush() {
        let now = NIODeadline.now()
        let suppressed = window.withLock { window -> Int in
            guard window.suppressed > 0, now - window.start >= .seconds(1) else { return 0 }
            defer { window = Window(start: now) }
            return window.suppressed
        }
        if suppressed > 0 { sink("\(suppressed) similar lines suppressed") }
    }

    private static func singleLine(_ line: String) -> String {
        guard line.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return line }
        return String(line.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
