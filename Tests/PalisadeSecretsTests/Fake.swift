import Foundation

/// Deterministic random-looking values for test secrets. Every fake token in the tests is built
/// from a prefix plus `Fake` output at run time, so the repository itself contains no token-shaped
/// strings; the values are random enough to pass the scanner's entropy filters.
struct Fake {
    private var state: UInt64

    /// Seeded from a label, so each call site gets its own stable stream.
    init(_ label: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in label.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func from(_ alphabet: String, _ count: Int) -> String {
        let chars = Array(alphabet)
        return String((0..<count).map { _ in chars[Int(next() % UInt64(chars.count))] })
    }

    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let alnumSet = upper + lower + digits

    /// Letters and digits, always with at least one digit and one upper and one lower letter.
    static func alnum(_ count: Int, _ label: String) -> String {
        var f = Fake(label)
        let body = f.from(alnumSet, max(0, count - 3))
        return f.from(upper, 1) + body + f.from(digits, 1) + f.from(lower, 1)
    }

    static func hex(_ count: Int, _ label: String) -> String {
        var f = Fake(label)
        return f.from("0123456789abcdef", count)
    }

    static func of(_ alphabet: String, _ count: Int, _ label: String) -> String {
        var f = Fake(label)
        return f.from(alphabet, count)
    }

    static func uuid(_ label: String) -> String {
        let h = hex(32, label)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20])
            + "-" + String(c[20..<32])
    }

    /// Base64 text of `count` random bytes, in lines of 64 characters.
    static func base64Lines(_ count: Int, _ label: String, lineLength: Int = 64) -> String {
        var f = Fake(label)
        let data = Data((0..<count).map { _ in UInt8(truncatingIfNeeded: f.next()) })
        let text = data.base64EncodedString()
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(lineLength)))
            rest = rest.dropFirst(lineLength)
        }
        return lines.joined(separator: "\n")
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func base64URL(_ text: String) -> String {
        base64(text).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Random bytes, for fuzzing.
    static func bytes(_ count: Int, _ label: String) -> [UInt8] {
        var f = Fake(label)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: f.next()) }
    }
}
