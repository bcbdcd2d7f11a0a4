extension ValueValidator {
    /// Whether `value` has the structure this validator expects.
    func accepts(_ value: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .none:
            return true
        case .containsDigit:
            return value.contains { $0 >= 0x30 && $0 <= 0x39 }
        case .base64Credentials:
            guard let decoded = Base64.decode(value, urlSafe: false), decoded.count >= 3 else { return false }
            guard let colon = decoded.firstIndex(of: 0x3A), colon > 0, colon < decoded.count - 1 else { return false }
            return decoded.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        case .jwt:
            guard let dot = value.firstIndex(of: 0x2E) else { return false }
            let header = UnsafeRawBufferPointer(rebasing: value[..<dot])
            guard let decoded = Base64.decode(header, urlSafe: true), decoded.first == 0x7B else { return false }
            return PlaceholderFilter.contains(decoded, Array("\"alg\"".utf8))
                || PlaceholderFilter.contains(decoded, Array("\"typ\"".utf8))
        }
    }
}

/// Minimal RFC 4648 base64 decoder for validators (small values only; padding optional).
enum Base64 {
    static func decode(_ text: UnsafeRawBufferPointer, urlSafe: Bool) -> [UInt8]? {
        guard text.count <= 8192 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for c in text {
            if c == 0x3D { break }  // '='
            let v: UInt8
            switch c {
            case 0x41...0x5A: v = c - 0x41
            case 0x61...0x7A: v = c - 0x61 + 26
            case 0x30...0x39: v = c - 0x30 + 52
            case 0x2B where !urlSafe, 0x2D where urlSafe: v = 62
            case 0x2F where !urlSafe, 0x5F where urlSafe: v = 63
            default: return nil
            }
            buffer = (buffer << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
