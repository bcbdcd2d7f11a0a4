import PalisadeCore

/// One secret found by a ``SecretScanSession``: where it is and what it is, never the value itself.
public struct SecretMatch: Sendable, Hashable {
    public var ruleId: String
    /// The rule's severity, or `.low` inside a package's own test fixtures.
    public var severity: Severity
    /// 1-based line of the secret's first byte (counted from the chunk's `firstLine`).
    public var line: Int
    /// 1-based column of the secret's first byte, in UTF-8 characters.
    public var column: Int
    /// Evidence with the secret masked (`aws_secret_access_key = wJal****************EKEY`); private
    /// keys show only their armour line.
    public var redacted: String
    /// What was found and where, in one sentence without the secret.
    public var message: String

    public init(ruleId: String, severity: Severity, line: Int, column: Int, redacted: String, message: String) {
        self.ruleId = ruleId
        self.severity = severity
        self.line = line
        self.column = column
        self.redacted = redacted
        self.message = message
    }
}
