import PalisadeFormats
import PalisadeKube
import Testing

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

    @Test("parsing reports each bad term with its node, and a bad selector matches nothing")
    func parsing() throws {
        let text = """
            matchLabels: {app: web}
            matchExpressions:
            - {key: tier, operator: In, values: [a, b]}
            - {key: zone, operator: Near, values: [x]}
            - {key: env, operator: Exists, values: [x]}
            - {key: team, operator: NotIn}
            """
        let root = try #require(
            Array(text.utf8).withUnsafeBytes {
                YAMLStreamParser.parseAll(bytes: $0, file: "s.yaml").documents.first?.root
            })
        let (selector, problems) = LabelSelector.parse(root)
        #expect(selector.matchLabels == ["app": "web"])
        #expect(selector.matchExpressions == [.init(key: "tier", op: .in, values: ["a", "b"])])
        #expect(problems.map(\.node.mark.line) == [4, 5, 6])
        #expect(problems[0].message.contains("invalid operator \"Near\""))
        #expect(problems[1].message.contains("takes no values"))
        #expect(problems[2].message.contains("needs at least one value"))
        #expect(selector.isInvalid)
        #expect(!selector.matches(["app": "web", "tier": "a"]))
        let (good, none) = LabelSelector.parse(
            try #require(
                Array("matchLabels: {app: web}".utf8).withUnsafeBytes {
                    YAMLStreamParser.parseAll(bytes: $0, file: "g.yaml").documents.first?.root
                }))
        #expect(none.isEmpty && good.matches(["app": "web"]) && !good.isEmpty)
    }
}
