/// The pids a log has shown, counted without hashing on the hot path: a traced program's threads
/// take turns line by line, so the few most recent distinct pids answer almost every lookup and
/// only a new pid reaches the set.
struct RecentPidSet: Sendable {
    private var recent: [Int] = []
    private var all = Set<Int>()
    private var next = 0
    private static let window = 16

    var count: Int { all.count }
    var isEmpty: Bool { all.isEmpty }

    @inline(__always) mutating func insert(_ pid: Int) {
        for p in recent where p == pid { return }
        all.insert(pid)
        if recent.count < Self.window {
            recent.append(pid)
        } else {
            recent[next] = pid
            next = (next + 1) % Self.window
        }
    }
}

/// Per pid, the syscall name id of its `<unfinished ...>` call. A process has at most one call in
/// flight and a log has few processes at a time, so a small array searched from the end beats a
/// dictionary (which hashes on every insert and removal).
struct PendingCalls: Sendable {
    private var pids: [Int] = []
    private var ids: [Int] = []

    var isEmpty: Bool { pids.isEmpty }

    @inline(__always) private func index(of pid: Int) -> Int? {
        var k = pids.count - 1
        while k >= 0 {
            if pids[k] == pid { return k }
            k -= 1
        }
        return nil
    }

    /// Records `id` as `pid`'s call in flight (replacing an older one).
    mutating func set(_ pid: Int, _ id: Int) {
        if let k = index(of: pid) {
            ids[k] = id
        } else {
            pids.append(pid)
            ids.append(id)
        }
    }

    /// The id `pid` had in flight, removed.
    @discardableResult mutating func remove(_ pid: Int) -> Int? {
        guard let k = index(of: pid) else { return nil }
        let id = ids[k]
        pids.swapAt(k, pids.count - 1)
        ids.swapAt(k, ids.count - 1)
        pids.removeLast()
        ids.removeLast()
        return id
    }

    func id(of pid: Int) -> Int? { index(of: pid).map { ids[$0] } }

    /// Some pid whose call in flight is `id`.
    func pid(withCall id: Int) -> Int? {
        var k = ids.count - 1
        while k >= 0 {
            if ids[k] == id { return pids[k] }
            k -= 1
        }
        return nil
    }
}
