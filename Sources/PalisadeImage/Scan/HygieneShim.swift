// TEMPORARY: the lead's compile-time stand-in for the hygiene helper's API; deleted at merge.
import PalisadeCore

public enum ImageHygieneRules { public static let all: [RuleMetadata] = [] }
public struct ImageHygieneAnalyzer: Sendable {
    public init() {}
    public static func wantsContents(path: String, size: Int) -> Bool { false }
    public func analyze(_ facts: ImageFacts) -> [Finding] { [] }
}
