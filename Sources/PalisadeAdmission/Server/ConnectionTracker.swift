import NIOCore
import Synchronization

/// The open connections: enforces `maxConnections` at accept and lets graceful shutdown reach
/// every connection (to close idle ones and, after the grace period, all of them).
final class ConnectionTracker: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let drainingFlag = Atomic<Bool>(false)
    let maxConnections: Int

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    /// Whether graceful shutdown has begun: `/readyz` answers 503 and responses close their connection.
    var draining: Bool { drainingFlag.load(ordering: .relaxed) }

    /// Registers a new connection; false when the limit is reached or shutdown has begun.
    func admit(_ channel: any Channel) -> Bool {
        channels.withLock { channels in
            // Checked under the lock, so no connection slips past `beginDraining`'s snapshot.
            guard !draining, channels.count < maxConnections else { return false }
            channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { channels.withLock { $0.count } }

    /// Marks shutdown as begun and returns the connections open at that moment.
    func beginDraining() -> [any Channel] {
        channels.withLock { channels in
            drainingFlag.store(true, ordering: .relaxed)
            return Array(channels.values)
        }
    }

    var open: [any Channel] { channels.withLock { Array($0.values) } }
}

/// Sent down every connection's pipeline when graceful shutdown begins: idle connections close,
/// busy ones close after their current response.
struct ServerDrainEvent: Sendable {}
