/// FNV-1a, 64-bit: a tiny, dependency-free hash whose value never changes between runs,
/// platforms or Swift versions (unlike `Hasher`), for SARIF fingerprints.
enum StableHash {
    /// Hashes the parts separated by NUL bytes, so `("ab", "c")` and `("a", "bc")` differ.
    static func fnv1a64(_ parts: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 {
                hash ^= 0
                hash &*= 0x0000_0100_0000_01b3
            }
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    static func hex(_ parts: [String]) -> String {
        let value = fnv1a64(parts)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
