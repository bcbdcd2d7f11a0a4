import Crypto

/// `sha256:<64 hex>` digests: validated before they become file names, computed with swift-crypto
/// (SHA-NI, ~1.5 GB/s).
enum Digest {
    static func isValidSHA256(_ digest: String) -> Bool {
        guard digest.hasPrefix("sha256:") else { return false }
        let hex = digest.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 15)])
        }
        return "sha256:" + String(decoding: out, as: UTF8.self)
    }

    /// Verifies a small blob read whole (manifest, config) against its descriptor digest.
    static func verify(_ bytes: [UInt8], digest: String, what: String) throws(ImageError) {
        guard digest.hasPrefix("sha256:") else { return }
        let actual = sha256(bytes)
        guard actual == digest else {
            throw ImageError(.digestMismatch, "\(what): digest mismatch: expected \(digest), got \(actual)")
        }
    }
}
