import Testing

/// One table row: a text (or file) and whether `ruleId` must report it. Positive rows carry the
/// secret value, so tests can check redaction and the reported column.
struct SecretSample: Sendable, CustomTestStringConvertible {
    var ruleId: String
    var text: String
    /// The secret a positive row plants; nil for negative rows.
    var secret: String?
    /// Scanned with `scanFile(path:)` when set, else with `scanText(context:)`.
    var path: String?
    var label: String

    var shouldMatch: Bool { secret != nil }

    /// Never prints the (fake) secret: tests must not echo token-shaped strings either.
    var testDescription: String { "\(ruleId) \(shouldMatch ? "matches" : "ignores") \(label)" }

    static func hit(_ ruleId: String, _ text: String, secret: String, path: String? = nil, _ label: String = "")
        -> SecretSample
    {
        SecretSample(ruleId: ruleId, text: text, secret: secret, path: path, label: label.isEmpty ? "sample" : label)
    }

    static func miss(_ ruleId: String, _ text: String, path: String? = nil, _ label: String) -> SecretSample {
        SecretSample(ruleId: ruleId, text: text, secret: nil, path: path, label: label)
    }
}
