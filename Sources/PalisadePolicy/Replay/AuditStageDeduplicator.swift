/// Keeps one event per request. The API server writes an event per stage of a request
/// (RequestReceived, then ResponseComplete or Panic; ResponseStarted for long-running ones), so
/// the same create would otherwise be counted twice. The ResponseComplete event is preferred (it
/// carries the response code, and the response object at RequestResponse level); a RequestReceived
/// event with an object is held back until its later stage shows up, and used only if none does.
///
/// Memory is bounded for logs of any size: held-back requests are released oldest first past
/// `maxPending` (the later stage of a request follows within milliseconds, so only a handful are
/// ever waiting), and the ids of finished requests are remembered only for the last
/// `maxRemembered` requests, enough to drop stages of a request split across rotated files.
struct AuditStageDeduplicator {
    let maxPending: Int
    let maxRemembered: Int

    /// Held-back RequestReceived requests by audit id, with their arrival order.
    private var pending: [String: (order: Int, request: AdmissionRequest, event: ReplayEventInfo)] = [:]
    private var pendingOrder: [(order: Int, id: String)] = []
    private var pendingHead = 0
    private var nextOrder = 0
    /// Recently finished ids: a set for lookup and a ring for eviction.
    private var finished: Set<String> = []
    private var finishedRing: [String] = []
    private var finishedHead = 0

    init(maxPending: Int = 1024, maxRemembered: Int = 1 << 18) {
        self.maxPending = max(1, maxPending)
        self.maxRemembered = max(1, maxRemembered)
    }

    /// A held-back request released for a decision.
    typealias Released = (request: AdmissionRequest, event: ReplayEventInfo)

    /// Whether `id` already produced its one result (a later stage of it is a duplicate).
    func isFinished(_ id: String) -> Bool { finished.contains(id) }

    /// A RequestReceived event with a usable request: held until its later stage arrives. Returns
    /// the requests released to keep the pending set bounded.
    mutating func hold(_ request: AdmissionRequest, _ info: ReplayEventInfo) -> [Released] {
        let id = request.uid
        if pending[id] != nil { return [] }
        pending[id] = (nextOrder, request, info)
        pendingOrder.append((nextOrder, id))
        nextOrder += 1
        var released: [Released] = []
        while pending.count > maxPending, let step = releaseOldest() { released.append(step) }
        return released
    }

    /// The final event of a request: marks the id finished and hands back its held-back earlier
    /// stage, if any (used only when the final event cannot be replayed itself).
    mutating func finish(_ id: String) -> Released? {
        let held = pending.removeValue(forKey: id)
        remember(id)
        return held.map { ($0.request, $0.event) }
    }

    /// End of input: every request still held back is decided from its RequestReceived event.
    mutating func drain() -> [Released] {
        var released: [Released] = []
        while let step = releaseOldest() { released.append(step) }
        return released
    }

    /// Whether an earlier stage of `id` is being held back.
    func isPending(_ id: String) -> Bool { pending[id] != nil }

    private mutating func releaseOldest() -> Released? {
        while pendingHead < pendingOrder.count {
            let (order, id) = pendingOrder[pendingHead]
            pendingHead += 1
            if pendingHead > 4096 && pendingHead * 2 > pendingOrder.count {
                pendingOrder.removeFirst(pendingHead)
                pendingHead = 0
            }
            // Skip ids finished since (or re-held under a newer order).
            guard let entry = pending[id], entry.order == order else { continue }
            pending[id] = nil
            remember(id)
            return (entry.request, entry.event)
        }
        return nil
    }

    private mutating func remember(_ id: String) {
        guard finished.insert(id).inserted else { return }
        if finishedRing.count < maxRemembered {
            finishedRing.append(id)
        } else {
            finished.remove(finishedRing[finishedHead])
            finishedRing[finishedHead] = id
            finishedHead = (finishedHead + 1) % maxRemembered
        }
    }
}
