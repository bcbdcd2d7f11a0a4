/// Recognises well-known credential formats by prefix and alphabet, without regexes.
enum TokenShapes {
    struct Match {
        var kind: String
        var match: String
    }

    private struct Shape: Sendable {
        var prefix: String
        var kind: String
        var minBody: Int
        var alphabet: @Sendable (UInt8) -> Bool
    }

    private static func alnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
    private static func upperAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) }
    private static func urlSafe(_ b: UInt8) -> Bool { alnum(b) || b == 0x2D || b == 0x5F }

    private static let shapes: [Shape] = [
        Shape(prefix: "AKIA", kind: "an AWS access key id", minBody: 16, alphabet: upperAlnum),
        Shape(prefix: "ASIA", kind: "an AWS temporary access key id", minBody: 16, alphabet: upperAlnum),
        Shape(prefix: "ghp_", kind: "a GitHub personal access token", minBody: 36, alphabet: alnum),
        Shape(prefix: "gho_", kind: "a GitHub OAuth token", minBody: 36, alphabet: alnum),
        Shape(prefix: "ghs_", kind: "a GitHub app token", minBody: 36, alphabet: alnum),
        Shape(prefix: "ghu_", kind: "a GitHub user token", minBody: 36, alphabet: alnum),
        Shape(prefix: "github_pat_", kind: "a GitHub fine-grained token", minBody: 22, alphabet: urlSafe),
        Shape(prefix: "glpat-", kind: "a GitLab personal access token", minBody: 20, alphabet: urlSafe),
        Shape(prefix: "xoxb-", kind: "a Slack bot token", minBody: 10, alphabet: urlSafe),
        Shape(prefix: "xoxp-", kind: "a Slack user token", minBody: 10, alphabet: urlSafe),
        Shape(prefix: "sk_live_", kind: "a Stripe live secret key", minBody: 20, alphabet: alnum),
        Shape(prefix: "AIza", kind: "a Google API key", minBody: 35, alphabet: urlSafe),
        Shape(prefix: "npm_", kind: "an npm access token", minBody: 36, alphabet: alnum),
        Shape(prefix: "-----BEGIN", kind: "a PEM private key", minBody: 0, alphabet: { _ in true }),
    ]

    static func first(in value: String) -> Match? {
        let bytes = Array(value.utf8)
        for shape in shapes {
            let prefix = Array(shape.prefix.utf8)
            guard bytes.count >= prefix.count + shape.minBody else { continue }
            var i = 0
            while i + prefix.count <= bytes.count {
                if bytes[i..<(i + prefix.count)].elementsEqual(prefix), i == 0 || !alnum(bytes[i - 1]) {
                    if shape.minBody == 0 {
                        if value.contains("PRIVATE KEY") {
                            return Match(kind: shape.kind, match: String(decoding: bytes[i...], as: UTF8.self))
                        }
                    } else {
                        var j = i + prefix.count
                        while j < bytes.count, shape.alphabet(bytes[j]) { j += 1 }
                        if j - i - prefix.count >= shape.minBody {
                            return Match(kind: shape.kind, match: String(decoding: bytes[i..<j], as: UTF8.self))
                        }
                    }
                }
                i += 1
            }
        }
        return nil
    }
}
