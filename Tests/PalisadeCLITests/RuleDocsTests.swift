import Foundation
import PalisadeCore
import PalisadeGraph
import PalisadeImage
import PalisadeKube
import PalisadeRegistry
import PalisadeReport
import PalisadeSeccomp
import PalisadeSecrets
import Testing

@Suite("Rule catalog and docs/rules.md")
struct RuleDocsTests {
    static let rules =
        KubeRuleSet.builtIn.allMetadata + DockerfileRules.all + ImageHygieneRules.all + SecretRules.all
        + RegistryRules.all + SeccompRules.all + NetworkFindingRules.all + RBACEscalations.rules
        + AttackPathFindings.rules

    /// The repository root, found from this file's path (tests read only files inside the repo).
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("docs/rules.md is generated from the catalog")
    func docsUpToDate() throws {
        let expected = RuleDocsRenderer().render(RuleCatalog(Self.rules).rules)
        let url = Self.repoRoot.appendingPathComponent("docs/rules.md")
        let actual = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing>"
        guard actual != expected else { return }
        // Name the first differing line instead of dumping two whole documents.
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let found = line < a.count ? String(a[line]) : "<end of file>"
        let wanted = line < e.count ? String(e[line]) : "<end of file>"
        Issue.record(
            """
            docs/rules.md is out of date (line \(line + 1): found "\(found)", expected "\(wanted)"); \
            regenerate it with: swift run palisade rules docs > docs/rules.md
            """)
    }

    @Test("rule ids are unique")
    func uniqueIds() {
        var seen: Set<String> = []
        let duplicates = Self.rules.map(\.id).filter { !seen.insert($0).inserted }
        #expect(duplicates.isEmpty, "duplicate rule ids: \(duplicates)")
        #expect(RuleCatalog(Self.rules).duplicateIds.isEmpty)
    }

    @Test("every rule explains why it matters and how to fix it")
    func metadataComplete() {
        #expect(!Self.rules.isEmpty)
        for rule in Self.rules {
            #expect(!rule.why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(rule.id) has no 'why'")
            #expect(
                !rule.remediation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "\(rule.id) has no remediation")
            #expect(!rule.title.isEmpty, "\(rule.id) has no title")
            #expect(!rule.category.isEmpty, "\(rule.id) has no category")
            #expect(rule.id == rule.id.uppercased(), "\(rule.id) is not upper-case")
        }
    }

    @Test("the renderer has a table of contents by category and a section per rule")
    func rendererShape() {
        let rules = [
            RuleMetadata(
                id: "K8S-B", title: "Bee", severity: .low, category: "Zeta Things", why: "because",
                remediation: "fix it", frameworks: FrameworkMappings(cis: ["5.1.1"], mitre: ["T1611"]),
                references: ["https://kubernetes.io/docs/"]),
            RuleMetadata(
                id: "K8S-A", title: "Ay", severity: .critical, category: "Alpha", why: "w", remediation: "r",
                frameworks: FrameworkMappings(
                    pss: PodSecurityMapping(level: .baseline, control: "Privileged Containers"))),
        ]
        let md = RuleDocsRenderer().render(rules)
        #expect(md.hasPrefix("# Palisade rules\n"))
        #expect(md.contains("- [Alpha](#alpha) (1)\n  - [K8S-A](#k8s-a): Ay (CRITICAL)\n"))
        #expect(md.contains("- [Zeta Things](#zeta-things) (1)\n"))
        #expect(md.range(of: "## Alpha")!.lowerBound < md.range(of: "## Zeta Things")!.lowerBound)
        #expect(md.contains("### K8S-B\n\n**Bee**\n\n- Severity: LOW\n- Category: Zeta Things\n"))
        #expect(md.contains("**Why it matters.** because\n"))
        #expect(md.contains("**Remediation.** fix it\n"))
        #expect(md.contains("- CIS Kubernetes Benchmark v1.9: 5.1.1\n"))
        #expect(md.contains("- MITRE ATT&CK for Containers: T1611\n"))
        #expect(md.contains("- Pod Security Standards: baseline, Privileged Containers\n"))
        #expect(md.contains("- <https://kubernetes.io/docs/>\n"))
    }
}
