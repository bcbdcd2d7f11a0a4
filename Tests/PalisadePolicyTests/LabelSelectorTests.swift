import Testing

@testable import PalisadePolicy

@Suite("Label selectors")
struct LabelSelectorTests {
    @Test("matchLabels and every operator, as the API server evaluates them")
    func operators() {
        let labels = ["env": "prod", "tier": "web"]
        #expect(LabelSelector().matches(labels))
        #expect(LabelSelector(matchLabels: ["env": "prod"]).matches(labels))
        #expect(!LabelSelector(matchLabels: ["env": "dev"]).matches(labels))
        #expect(
            LabelSelector(matchExpressions: [.init(key: "env", op: .in, values: ["prod", "stage"])]).matches(labels))
        #expect(!LabelSelector(matchExpressions: [.init(key: "zone", op: .in, values: ["a"])]).matches(labels))
        #expect(LabelSelector(matchExpressions: [.init(key: "zone", op: .notIn, values: ["a"])]).matches(labels))
        #expect(!LabelSelector(matchExpressions: [.init(key: "env", op: .notIn, values: ["prod"])]).matches(labels))
        #expect(LabelSelector(matchExpressions: [.init(key: "tier", op: .exists)]).matches(labels))
        #expect(!LabelSelector(matchExpressions: [.init(key: "tier", op: .doesNotExist)]).matches(labels))
        #expect(
            !LabelSelector(matchLabels: ["env": "prod"], matchExpressions: [.init(key: "tier", op: .doesNotExist)])
                .matches(labels))
    }
}
