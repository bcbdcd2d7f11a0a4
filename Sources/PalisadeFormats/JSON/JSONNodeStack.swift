/// The members or elements of the containers being parsed, stacked so each finished container
/// is handed out as one exact-size array.
///
/// Why not a Swift `Array` as the stack: copying a finished run out (`Array(stack[base...])`) retains
/// every element and `removeSubrange` then releases them again, which was ~8 % of decoding an
/// AdmissionReview. Here the run is *moved* out: no reference counting, one allocation.
final class JSONNodeStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always) func push(_ element: Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    func popArray(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0 else { return [] }
        // Built from a moving sequence rather than `Array(unsafeUninitializedCapacity:)`, whose
        // allocation is not inlined and looks the array's type up at run time on every call.
        let out = Array(MovingRun(base: storage + start, count: n))
        count = start
        return out
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }
}

/// A run of initialised elements that iterating moves out (bitwise: no retain, no release). It must
/// be iterated to the end exactly once; `JSONNodeStack.popArray` does.
private struct MovingRun<Element>: Sequence, IteratorProtocol {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    var index = 0

    init(base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    var underestimatedCount: Int { count - index }

    mutating func next() -> Element? {
        guard index < count else { return nil }
        defer { index += 1 }
        return (base + index).move()
    }
}
