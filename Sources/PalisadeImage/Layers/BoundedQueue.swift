import Foundation

/// A single-producer, single-consumer queue bounded in bytes, with its consumer on a thread of its
/// own. Layer scans use it to move hashing and file analysis off the thread that inflates, without
/// letting the walk run ahead by more than `maxQueuedBytes`.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [(item: Item, bytes: Int)] = []
    private var queuedBytes = 0
    private var closed = false
    private var consumerDone = false
    private let maxQueuedBytes: Int

    /// Starts `consume` on a new thread; it should call `take()` until nil.
    init(maxQueuedBytes: Int, consume: @escaping @Sendable (BoundedQueue<Item>) -> Void) {
        self.maxQueuedBytes = maxQueuedBytes
        let thread = Thread { [self] in
            consume(self)
            condition.lock()
            consumerDone = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Blocks while the queue is full (an item larger than the bound still goes into an empty queue).
    func push(_ item: Item, bytes: Int) {
        condition.lock()
        while queuedBytes > 0 && queuedBytes + bytes > maxQueuedBytes { condition.wait() }
        items.append((item, bytes))
        queuedBytes += bytes
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or nil once the queue is closed and drained.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let next = items.removeFirst()
        queuedBytes -= next.bytes
        condition.broadcast()
        return next.item
    }

    /// Ends the input and waits until the consumer has returned.
    func closeAndWait() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !consumerDone { condition.wait() }
        condition.unlock()
    }
}
