/// Interns syscall names by their bytes, so the per-line loop never builds a `String`: a log has
/// millions of lines but a few hundred distinct names. Open addressing with linear probing over a
/// power-of-two slot array; a `String` is made once per distinct name, in `names`.
struct SyscallNameTable: Sendable {
    /// Every distinct name's bytes, back to back.
    private var arena: [UInt8] = []
    /// Per id: start in `arena`, length, and full hash (to skip most byte compares).
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Per slot: id + 1, or 0 when empty.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    /// How many distinct names have been seen; ids are `0..<count`.
    var count: Int { starts.count }

    /// The id of the name in `bytes`, adding it when new.
    mutating func id(of bytes: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let id = entry - 1
            if hashes[id] == hash && equals(id, bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = starts.count
        starts.append(arena.count)
        lengths.append(bytes.count)
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        slots[slot] = Int32(id + 1)
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The name of each id, in id order.
    func names() -> [String] {
        (0..<count).map { id in
            let start = starts[id]
            return String(decoding: arena[start..<start + lengths[id]], as: UTF8.self)
        }
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let length = lengths[id]
        guard length == bytes.count else { return false }
        let start = starts[id]
        return arena.withUnsafeBufferPointer { stored in
            var i = 0
            while i < length {
                if stored[start + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id + 1)
        }
        slots = bigger
    }

    /// FNV-1a: names are short, so a byte loop is as fast as anything wider.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
