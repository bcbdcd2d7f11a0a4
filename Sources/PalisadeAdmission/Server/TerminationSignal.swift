import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM (the kubelet stopping the pod) and SIGINT (Ctrl-C) as an awaitable event. The default
/// handlers are ignored from `init` on, before the server starts, so a signal that arrives early
/// still leads to a graceful shutdown instead of killing the process; `cancel` restores them.
final class TerminationSignal: Sendable {
    private static let signals = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")]

    private let sources: Mutex<[any DispatchSourceSignal]>
    private let delivery = Delivery()

    init() {
        var created: [any DispatchSourceSignal] = []
        for (number, name) in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [delivery] in delivery.deliver(name) }
            source.resume()
            created.append(source)
        }
        sources = Mutex(created)
    }

    /// Returns the name of the first signal received (at once if one already was).
    func wait() async -> String {
        await delivery.wait()
    }

    /// Stops listening and gives the signals their default handlers back.
    func cancel() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
            sources.removeAll()
        }
        for (number, _) in Self.signals { signal(number, SIG_DFL) }
    }

    /// The first signal's name, handed to whoever waits (now or later).
    private final class Delivery: Sendable {
        private struct State {
            var received: String?
            var waiter: CheckedContinuation<String, Never>?
        }

        private let state = Mutex(State())

        func wait() async -> String {
            await withCheckedContinuation { continuation in
                let received = state.withLock { state -> String? in
                    if let received = state.received { return received }
                    state.waiter = continuation
                    return nil
                }
                if let received { continuation.resume(returning: received) }
            }
        }

        func deliver(_ name: String) {
            let waiter = state.withLock { state -> CheckedContinuation<String, Never>? in
                guard state.received == nil else { return nil }
                state.received = name
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: name)
        }
    }
}
