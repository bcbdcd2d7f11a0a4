// TEMPORARY: the lead's compile-time stand-in for the secrets helper's API; deleted at merge.
import PalisadeCore

public enum SecretRules { public static let all: [RuleMetadata] = [] }
public enum SecretScannerError: Error { case compile(String) }
public final class SecretScanner: Sendable {
    public init(enabledRuleIds: Set<String>? = nil) throws(SecretScannerError) {}
    public func makeSession() -> SecretScanSession { SecretScanSession() }
}
public struct SecretMatch: Sendable, Hashable {
    public var ruleId: String
    public var severity: Severity
    public var line: Int
    public var column: Int
    public var redacted: String
    public var message: String
}
public final class SecretScanSession {
    public func scanFile(path: String, contents: UnsafeRawBufferPointer, firstLine: Int = 1) -> [SecretMatch] { [] }
    public func scanText(_ text: String, context: String) -> [SecretMatch] { [] }
}
