/// Shannon entropy in bits per byte: random base62 tokens score ~5, English words and
/// placeholders (`changeme`, `xxxxxxxx`) score low.
enum ShannonEntropy {
    static func bitsPerByte(_ bytes: UnsafeRawBufferPointer) -> Double {
        guard !bytes.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for b in bytes { counts[Int(b)] += 1 }
            let n = Double(bytes.count)
            var entropy = 0.0
            for c in counts where c > 0 {
                let p = Double(c) / n
                entropy -= p * log2(p)
            }
            return entropy
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
