import PalisadeCore
import PalisadeFormats
import PalisadeKube
import Testing

/// `RuleContext` normalises its registry allow-list once; changing the list afterwards must be seen.
@Suite("Rule context registry allow-list")
struct RuleContextRegistryTests {
    func registryFindings(image: String, context: RuleContext) -> [Finding] {
        let yaml = HardeningHarness.pod(image: image)
        let options = KubeScanOptions(
            context: context, selection: RuleSelection(include: ["K8S-WL-IMAGE-REGISTRY"]), parallelism: 1)
        return KubeScanner(options: options).scan(buffer: SourceBuffer(name: "t.yaml", copying: Array(yaml.utf8)))
            .findings.filter { $0.ruleId == "K8S-WL-IMAGE-REGISTRY" }
    }

    @Test("a list set after init allows its registries")
    func setLaterAllows() {
        var context = RuleContext(allowedRegistries: ["quay.io"])
        context.allowedRegistries = ["https://ghcr.io/acme/"]
        #expect(registryFindings(image: "ghcr.io/acme/app:1.0", context: context).isEmpty)
    }

    @Test("a list set after init refuses other registries, and an emptied list checks nothing")
    func setLaterRefuses() {
        var context = RuleContext(allowedRegistries: ["ghcr.io"])
        context.allowedRegistries = ["quay.io"]
        #expect(registryFindings(image: "ghcr.io/acme/app:1.0", context: context).count == 1)
        context.allowedRegistries = []
        #expect(registryFindings(image: "ghcr.io/acme/app:1.0", context: context).isEmpty)
    }
}
