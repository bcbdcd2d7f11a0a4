/// Recognises values that are credentials whatever they are called: cloud keys, provider tokens, PEM
/// private keys and URLs with an embedded password. Plain byte scanning with literal prefixes.
enum CredentialValue {
    /// What the value looks like, for messages (`a GitHub token`); `nil` when it looks like nothing known.
    static func kind(of value: String) -> String? {
        // Most values (ports, flags, short names) are too short to be a credential: no copy for them.
        guard value.utf8.count >= 8 else { return nil }
        let b = Array(value.utf8)
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "A"):
                if (matches(b, i, "AKIA") || matches(b, i, "ASIA")) && run(b, i + 4, upperOrDigit) >= 16 {
                    return "an AWS access key id"
                }
                if matches(b, i, "AIza") && run(b, i + 4, tokenByte) >= 35 { return "a Google API key" }
            case UInt8(ascii: "g"):
                if matches(b, i, "gh"), i + 3 < b.count, b[i + 3] == UInt8(ascii: "_"),
                    "pousr".utf8.contains(b[i + 2]), run(b, i + 4, alphanumeric) >= 36
                {
                    return "a GitHub token"
                }
                if matches(b, i, "github_pat_") && run(b, i + 11, tokenByte) >= 22 { return "a GitHub token" }
                if matches(b, i, "glpat-") && run(b, i + 6, tokenByte) >= 20 { return "a GitLab token" }
            case UInt8(ascii: "x"):
                if matches(b, i, "xox"), i + 4 < b.count, b[i + 4] == UInt8(ascii: "-"),
                    "bpars".utf8.contains(b[i + 3]), run(b, i + 5, tokenByte) >= 10
                {
                    return "a Slack token"
                }
            case UInt8(ascii: "s"), UInt8(ascii: "r"):
                if matches(b, i + 1, "k_live_") && run(b, i + 8, alphanumeric) >= 24 { return "a Stripe live key" }
            case UInt8(ascii: "-"):
                if matches(b, i, "-----BEGIN ") {
                    let end = min(b.count, i + 80)
                    if CredentialName.contains(Array(b[i..<end]), Array("PRIVATE KEY".utf8)) {
                        return "a private key"
                    }
                }
            case UInt8(ascii: ":"):
                if matches(b, i, "://") && hasURLPassword(b, from: i + 3) { return "a URL with an embedded password" }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// `user:password@host` right after `://`, with a password that is not a `$(VAR)` reference.
    private static func hasURLPassword(_ b: [UInt8], from start: Int) -> Bool {
        var colon: Int?
        var i = start
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c <= 0x20 { return false }
            if c == UInt8(ascii: ":") && colon == nil { colon = i }
            if c == UInt8(ascii: "@") {
                guard let colon, colon > start, i - colon > 1 else { return false }
                let password = b[(colon + 1)..<i]
                if password.first == UInt8(ascii: "$") { return false }
                if password.allSatisfy({ $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "x") }) { return false }
                return true
            }
            i += 1
        }
        return false
    }

    private static func matches(_ b: [UInt8], _ at: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard at >= 0, at + n <= b.count else { return false }
        return literal.withUTF8Buffer { lit in
            var k = 0
            while k < n {
                if b[at + k] != lit[k] { return false }
                k += 1
            }
            return true
        }
    }

    private static func run(_ b: [UInt8], _ from: Int, _ accept: (UInt8) -> Bool) -> Int {
        var i = from
        while i < b.count && accept(b[i]) { i += 1 }
        return max(0, i - from)
    }

    private static func upperOrDigit(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) }
    private static func alphanumeric(_ c: UInt8) -> Bool { upperOrDigit(c) || (c >= 0x61 && c <= 0x7A) }
    private static func tokenByte(_ c: UInt8) -> Bool {
        alphanumeric(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
    }
}
